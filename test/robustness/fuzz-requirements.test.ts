// Fixed-seed mutation fuzzing of the requirements kind (npm run fuzz runs longer).
import { registerFuzzTest } from './fuzz-lib';

registerFuzzTest('requirements');
