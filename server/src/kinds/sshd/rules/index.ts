// Every SSH rule, in id order (the kind runs them all; the engine filters by configuration).
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { SSH000 } from './SSH000';
import { SSH001 } from './SSH001';
import { SSH002 } from './SSH002';
import { SSH033 } from './SSH033';
import { SSH034 } from './SSH034';

export const SSH_RULES: Rule<SshdModel>[] = [SSH000, SSH001, SSH002, SSH033, SSH034];
