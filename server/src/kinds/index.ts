// Every file kind DeployGuard reads. Adding a kind touches this list and its own folder only.
import type { Kind } from '../engine/kind';
import { sshdKind } from './sshd';
import { requirementsKind } from './requirements';
import { djangoKind } from './django';
import { dockerfileKind } from './dockerfile';
import { nginxKind } from './nginx';

export const KINDS: Kind[] = [sshdKind, requirementsKind, djangoKind, dockerfileKind, nginxKind];
