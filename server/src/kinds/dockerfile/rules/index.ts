// Every DKR rule, in id order.
import type { DRule } from '../ruleutil';
import { DKR000 } from './DKR000';
import { DKR001 } from './DKR001';
import { DKR002 } from './DKR002';
import { DKR003 } from './DKR003';
import { DKR004 } from './DKR004';
import { DKR005 } from './DKR005';
import { DKR006 } from './DKR006';
import { DKR007 } from './DKR007';
import { DKR008 } from './DKR008';
import { DKR009 } from './DKR009';
import { DKR010 } from './DKR010';
import { DKR011 } from './DKR011';
import { DKR012 } from './DKR012';
import { DKR013 } from './DKR013';
import { DKR014 } from './DKR014';
import { DKR015 } from './DKR015';
import { DKR016 } from './DKR016';
import { DKR017 } from './DKR017';
import { DKR018 } from './DKR018';
import { DKR019 } from './DKR019';
import { DKR020 } from './DKR020';
import { DKR021 } from './DKR021';
import { DKR022 } from './DKR022';
import { DKR023 } from './DKR023';
import { DKR024 } from './DKR024';
import { DKR025 } from './DKR025';
import { DKR026 } from './DKR026';
import { DKR027 } from './DKR027';
import { DKR028 } from './DKR028';
import { DKR029 } from './DKR029';
import { DKR030 } from './DKR030';
import { DKR031 } from './DKR031';
import { DKR032 } from './DKR032';
import { DKR033 } from './DKR033';
import { DKR034 } from './DKR034';
import { DKR035 } from './DKR035';
import { DKR036 } from './DKR036';
import { DKR037 } from './DKR037';
import { DKR038 } from './DKR038';
import { DKR039 } from './DKR039';

export const RULES: DRule[] = [
  DKR000, DKR001, DKR002, DKR003, DKR004, DKR005, DKR006, DKR007, DKR008, DKR009,
  DKR010, DKR011, DKR012, DKR013, DKR014, DKR015, DKR016, DKR017, DKR018, DKR019,
  DKR020, DKR021, DKR022, DKR023, DKR024, DKR025, DKR026, DKR027, DKR028, DKR029,
  DKR030, DKR031, DKR032, DKR033, DKR034, DKR035, DKR036, DKR037, DKR038, DKR039,
];
