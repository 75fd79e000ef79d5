// Every kind the extension-host suite covers: one line per kind.
import { django } from './django';
import { dockerfile } from './dockerfile';
import { nginx } from './nginx';
import { requirements } from './requirements';
import { sshd } from './sshd';
import type { KindCases } from './types';

export const KIND_CASES: KindCases[] = [sshd, requirements, dockerfile, nginx, django];
