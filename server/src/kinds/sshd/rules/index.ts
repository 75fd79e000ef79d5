// Every SSH rule, in id order (the kind runs them all; the engine filters by configuration).
// SSH032 (file permissions) is not implemented: see docs/rules and the kind's README notes.
import type { Rule } from '../../../engine/kind';
import type { SshdModel } from '../model';
import { SSH000 } from './SSH000';
import { SSH001 } from './SSH001';
import { SSH002 } from './SSH002';
import { SSH003 } from './SSH003';
import { SSH004 } from './SSH004';
import { SSH005 } from './SSH005';
import { SSH006 } from './SSH006';
import { SSH007 } from './SSH007';
import { SSH008 } from './SSH008';
import { SSH009 } from './SSH009';
import { SSH010 } from './SSH010';
import { SSH011 } from './SSH011';
import { SSH012 } from './SSH012';
import { SSH013 } from './SSH013';
import { SSH014 } from './SSH014';
import { SSH015 } from './SSH015';
import { SSH016 } from './SSH016';
import { SSH017 } from './SSH017';
import { SSH018 } from './SSH018';
import { SSH019 } from './SSH019';
import { SSH020 } from './SSH020';
import { SSH021 } from './SSH021';
import { SSH022 } from './SSH022';
import { SSH023 } from './SSH023';
import { SSH024 } from './SSH024';
import { SSH025 } from './SSH025';
import { SSH026 } from './SSH026';
import { SSH027 } from './SSH027';
import { SSH028 } from './SSH028';
import { SSH029 } from './SSH029';
import { SSH030 } from './SSH030';
import { SSH031 } from './SSH031';
import { SSH033 } from './SSH033';
import { SSH034 } from './SSH034';

export const SSH_RULES: Rule<SshdModel>[] = [
  SSH000, SSH001, SSH002, SSH003, SSH004, SSH005, SSH006, SSH007, SSH008, SSH009, SSH010, SSH011, SSH012, SSH013, SSH014, SSH015, SSH016,
  SSH017, SSH018, SSH019, SSH020, SSH021, SSH022, SSH023, SSH024, SSH025, SSH026, SSH027, SSH028, SSH029, SSH030, SSH031, SSH033, SSH034,
];
