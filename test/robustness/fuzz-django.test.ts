// Fixed-seed mutation fuzzing of the django kind (npm run fuzz runs longer).
import { registerFuzzTest } from './fuzz-lib';

registerFuzzTest('django');
