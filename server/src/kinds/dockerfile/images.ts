// Image references (`registry/repo:tag@digest`) and what we know about base images (catalog §0).
import type { ImageRef } from './model';

/** Splits an image reference the way the Docker CLI does. Offsets are for the literal text at `start`. */
export function parseImageRef(text: string, resolved: boolean, start: number, end: number, literal: boolean): ImageRef {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  let tagOffset = -1;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    tagOffset = colon + 1;
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  let repository = rest;
  const first = rest.indexOf('/');
  if (first > 0) {
    const head = rest.slice(0, first);
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      registry = head;
      repository = rest.slice(first + 1);
    }
  }
  const ref: ImageRef = { text, resolved, registry, repository, tag, digest, start, end };
  if (literal && tag !== undefined && tagOffset >= 0) {
    ref.tagStart = start + tagOffset;
    ref.tagEnd = ref.tagStart + tag.length;
  }
  return ref;
}

/** The registry an image is pulled from (`docker.io` when none is written). */
export function registryOf(ref: ImageRef): string {
  return (ref.registry ?? 'docker.io').toLowerCase();
}

/**
 * Catalog §0: base images known to run as a non-root user, so no USER is needed: tags ending in
 * `nonroot` (distroless `:nonroot`, `:debug-nonroot`, …), Chainguard images except `-dev` tags,
 * Bitnami images. Every other image is assumed to run as root.
 */
export function runsAsNonRoot(ref: ImageRef): boolean {
  const tag = (ref.tag ?? '').toLowerCase();
  if (tag.endsWith('nonroot')) return true;
  const registry = registryOf(ref);
  const repo = ref.repository.toLowerCase();
  if (registry === 'cgr.dev' && repo.startsWith('chainguard/')) return !tag.endsWith('-dev') && tag !== 'dev';
  if ((registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') && repo.startsWith('bitnami/')) return true;
  return false;
}

/** Alpine-based images (their /bin/sh is BusyBox ash; bash is usually absent). */
export function isAlpine(ref: ImageRef | undefined): boolean {
  if (!ref) return false;
  const repo = ref.repository.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  return repo === 'alpine' || repo.endsWith('/alpine') || tag.includes('alpine');
}
