// Every DJG rule, in id order.
import type { Rule } from '../../../engine/kind';
import type { DjangoModel } from '../model';
import { DJG000 } from './DJG000';
import { DJG001 } from './DJG001';
import { DJG002 } from './DJG002';
import { DJG003 } from './DJG003';
import { DJG004 } from './DJG004';
import { DJG005 } from './DJG005';
import { DJG006 } from './DJG006';
import { DJG007 } from './DJG007';
import { DJG008 } from './DJG008';
import { DJG009 } from './DJG009';
import { DJG010 } from './DJG010';
import { DJG011 } from './DJG011';
import { DJG012 } from './DJG012';
import { DJG013 } from './DJG013';
import { DJG014 } from './DJG014';
import { DJG015 } from './DJG015';
import { DJG016 } from './DJG016';
import { DJG017 } from './DJG017';
import { DJG018 } from './DJG018';
import { DJG019 } from './DJG019';
import { DJG020 } from './DJG020';
import { DJG021 } from './DJG021';
import { DJG022 } from './DJG022';
import { DJG023 } from './DJG023';
import { DJG024 } from './DJG024';
import { DJG025 } from './DJG025';
import { DJG026 } from './DJG026';
import { DJG027 } from './DJG027';
import { DJG028 } from './DJG028';
import { DJG029 } from './DJG029';
import { DJG030 } from './DJG030';
import { DJG031 } from './DJG031';
import { DJG032 } from './DJG032';
import { DJG033 } from './DJG033';
import { DJG034 } from './DJG034';
import { DJG035 } from './DJG035';
import { DJG036 } from './DJG036';
import { DJG037 } from './DJG037';
import { DJG038 } from './DJG038';

export const RULES: Rule<DjangoModel>[] = [
  DJG000,
  DJG001,
  DJG002,
  DJG003,
  DJG004,
  DJG005,
  DJG006,
  DJG007,
  DJG008,
  DJG009,
  DJG010,
  DJG011,
  DJG012,
  DJG013,
  DJG014,
  DJG015,
  DJG016,
  DJG017,
  DJG018,
  DJG019,
  DJG020,
  DJG021,
  DJG022,
  DJG023,
  DJG024,
  DJG025,
  DJG026,
  DJG027,
  DJG028,
  DJG029,
  DJG030,
  DJG031,
  DJG032,
  DJG033,
  DJG034,
  DJG035,
  DJG036,
  DJG037,
  DJG038,
];
