// Every NGX rule, in id order.
import type { Rule } from '../../../engine/kind';
import type { NginxModel } from './util';
import NGX000 from './NGX000';

export const RULES: Rule<NginxModel>[] = [NGX000];
