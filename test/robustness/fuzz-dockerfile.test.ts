// Fixed-seed mutation fuzzing of the dockerfile kind (npm run fuzz runs longer).
import { registerFuzzTest } from './fuzz-lib';

registerFuzzTest('dockerfile');
