// Every NGX rule, in id order.
import type { Rule } from '../../../engine/kind';
import type { NginxModel } from './util';
import NGX000 from './NGX000';
import NGX001 from './NGX001';
import NGX002 from './NGX002';
import NGX003 from './NGX003';
import NGX004 from './NGX004';
import NGX005 from './NGX005';
import NGX006 from './NGX006';
import NGX007 from './NGX007';
import NGX008 from './NGX008';
import NGX009 from './NGX009';
import NGX010 from './NGX010';
import NGX011 from './NGX011';
import NGX012 from './NGX012';
import NGX013 from './NGX013';
import NGX014 from './NGX014';
import NGX015 from './NGX015';
import NGX016 from './NGX016';
import NGX017 from './NGX017';
import NGX018 from './NGX018';
import NGX019 from './NGX019';
import NGX020 from './NGX020';
import NGX021 from './NGX021';
import NGX022 from './NGX022';
import NGX023 from './NGX023';
import NGX024 from './NGX024';
import NGX025 from './NGX025';
import NGX026 from './NGX026';
import NGX027 from './NGX027';
import NGX028 from './NGX028';
import NGX029 from './NGX029';
import NGX030 from './NGX030';
import NGX031 from './NGX031';
import NGX032 from './NGX032';
import NGX033 from './NGX033';
import NGX034 from './NGX034';
import NGX035 from './NGX035';
import NGX036 from './NGX036';
import NGX037 from './NGX037';
import NGX038 from './NGX038';
import NGX039 from './NGX039';
import NGX040 from './NGX040';
import NGX041 from './NGX041';
import NGX042 from './NGX042';
import NGX043 from './NGX043';
import NGX044 from './NGX044';
import NGX045 from './NGX045';
import NGX046 from './NGX046';
import NGX047 from './NGX047';
import NGX048 from './NGX048';
import NGX049 from './NGX049';
import NGX050 from './NGX050';
import NGX051 from './NGX051';

export const RULES: Rule<NginxModel>[] = [
  NGX000, NGX001, NGX002, NGX003, NGX004, NGX005, NGX006, NGX007, NGX008, NGX009, NGX010, NGX011, NGX012,
  NGX013, NGX014, NGX015, NGX016, NGX017, NGX018, NGX019, NGX020, NGX021, NGX022, NGX023, NGX024, NGX025,
  NGX026, NGX027, NGX028, NGX029, NGX030, NGX031, NGX032, NGX033, NGX034, NGX035, NGX036, NGX037, NGX038,
  NGX039, NGX040, NGX041, NGX042, NGX043, NGX044, NGX045, NGX046, NGX047, NGX048, NGX049, NGX050, NGX051,
];
