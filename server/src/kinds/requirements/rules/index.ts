// Every REQ rule, in id order.
import type { Rule } from '../../../engine/kind';
import type { UnitModel } from '../model';
import { REQ000 } from './REQ000';
import { REQ001 } from './REQ001';
import { REQ002 } from './REQ002';
import { REQ003 } from './REQ003';
import { REQ004 } from './REQ004';
import { REQ005 } from './REQ005';
import { REQ006 } from './REQ006';
import { REQ007 } from './REQ007';
import { REQ008 } from './REQ008';
import { REQ009 } from './REQ009';
import { REQ010 } from './REQ010';
import { REQ011 } from './REQ011';
import { REQ012 } from './REQ012';
import { REQ013 } from './REQ013';
import { REQ014 } from './REQ014';
import { REQ015 } from './REQ015';

export const RULES: Rule<UnitModel>[] = [REQ000, REQ001, REQ002, REQ003, REQ004, REQ005, REQ006, REQ007, REQ008, REQ009, REQ010, REQ011, REQ012, REQ013, REQ014, REQ015];
