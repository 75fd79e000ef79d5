// The linear-time scanners that replace backtracking regexes (scan.ts, the .dockerignore matcher):
// on short random strings they agree with the regex each one stands for (short inputs keep the
// regexes cheap), and they finish on 100 KB adversarial input.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Dockerignore } from '../../../server/src/kinds/dockerfile/dockerignore';
import * as S from '../../../server/src/kinds/dockerfile/scan';

const SEED = 20240611;

function strings(alphabet: string[], maxLength = 14): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...alphabet), { maxLength }).map((a) => a.join(''));
}

function agree<T>(arb: fc.Arbitrary<string>, reference: (s: string) => T, scanner: (s: string) => T, numRuns = 5000): void {
  fc.assert(
    fc.property(arb, (s) => {
      assert.deepEqual(scanner(s), reference(s), JSON.stringify(s));
    }),
    { seed: SEED, numRuns },
  );
}

const spans = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length]);
const BLANKS = [' ', '\t', '\n', '\r', '\u2028', '\u00a0'];

describe('linear scanners agree with the regexes they replace', () => {
  it('cutAtFirstOf is s.replace(/[?#].*$/, "")', () => {
    agree(strings([...BLANKS, 'a', '?', '#', '/']), (s) => s.replace(/[?#].*$/, ''), (s) => S.cutAtFirstOf(s, '?#'));
    agree(strings([...BLANKS, 'a', '#']), (s) => s.replace(/#.*$/, ''), (s) => S.cutAtFirstOf(s, '#'));
  });

  it('trimTrailing is s.replace(/\\/+$/, "")', () => {
    agree(strings(['/', 'a', '\n']), (s) => s.replace(/\/+$/, ''), (s) => S.trimTrailing(s, '/'));
  });

  it('trustedYesSpans is /\\[[^\\]]*trusted=yes[^\\]]*\\]/g', () => {
    agree(strings(['[', ']', 'trusted=yes', 'trusted', '=yes', 'x', ' ', '\n']), (s) => spans(/\[[^\]]*trusted=yes[^\]]*\]/g, s), S.trustedYesSpans);
  });

  it('gpgcheckOffMatch is /^\\s*gpgcheck\\s*=\\s*0\\b/ on a line', () => {
    agree(strings(['gpgcheck', ' ', '\t', '=', '0', '1', 'a', '_', '\u00a0'], 8), (s) => /^\s*gpgcheck\s*=\s*0\b/.exec(s)?.[0].length ?? -1, S.gpgcheckOffMatch);
  });

  it('debSourceHttpUrl is /\\bdeb(-src)?\\s+(\\[[^\\]]*\\]\\s+)?(http:\\/\\/\\S+)/', () => {
    agree(strings(['deb', '-src', 'deb-src', ' ', '\t', '\n', '[', ']', 'http://', 'http:/', 'x', 'a']), (s) => /\bdeb(-src)?\s+(\[[^\]]*\]\s+)?(http:\/\/\S+)/.exec(s)?.[3], S.debSourceHttpUrl);
  });

  it('trailingBracketText is /\\[([^\\]]+)\\]$/', () => {
    agree(strings(['[', ']', 'a', ',', '\n'], 10), (s) => /\[([^\]]+)\]$/.exec(s)?.[1], S.trailingBracketText);
  });

  it('openAiKeySpans, jwtSpans and urlPasswordSpans are the token regexes', () => {
    agree(
      strings(['sk-', 'proj-', 'T3BlbkFJ', 'a', 'B', '0', '_', '-', ' ', '.', 'aaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbb']),
      (s) => spans(/\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g, s),
      S.openAiKeySpans,
    );
    agree(
      strings(['eyJ', 'a', 'b0_', '-', '.', ' ', 'abcd', 'xyzzyxyz', '/'], 16),
      (s) => spans(/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, s),
      S.jwtSpans,
    );
    agree(
      strings(['://', 'http', 'a', '+', '.', '-', '_', '0', ':', '@', '/', ' ', "'", 'user', 'x'.repeat(90), 'abcdefghij']),
      (s) =>
        [...s.matchAll(/\b[a-zA-Z][a-zA-Z0-9+.-]{0,20}:\/\/[^\s:@/'"]{1,200}:([^\s@/'"]{1,200})@/g)].map((m) => {
          const start = m.index! + m[0].length - 1 - m[1].length;
          return { start, end: start + m[1].length };
        }),
      S.urlPasswordSpans,
    );
  });
});

/** The pattern-to-regex translation the matcher replaces (moby/patternmatcher's, as it was here). */
function patternToRegExp(p: string): RegExp {
  let out = '^';
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        i += 2;
        if (p[i] === '/') {
          out += '(?:.*/)?';
          i++;
        } else out += '.*';
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        let cls = p.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!') || cls.startsWith('^')) cls = '^' + cls.slice(1);
        out += `[${cls}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < p.length) {
      i++;
      out += p[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  return new RegExp(out + '$');
}

const cleanPath = (p: string) => p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');

describe('.dockerignore patterns', () => {
  it('match exactly what the pattern regex matches (without backtracking)', () => {
    const pattern = strings(['*', '**', '**/', '?', '/', 'a', 'b', '[', ']', '!', '^', '-', '\\', '.', 'z'], 8).filter(
      (p) => cleanPath(p) && !p.startsWith('!') && !p.startsWith('#'),
    );
    const path = strings(['a', 'b', '/', '.', 'z', '-', '\\', '[', '\n', '^', 'A'], 8).filter(cleanPath);
    fc.assert(
      fc.property(pattern, fc.array(path, { minLength: 1, maxLength: 4 }), (p, paths) => {
        let re: RegExp | undefined;
        try {
          re = patternToRegExp(p);
        } catch {
          re = undefined;
        }
        const di = new Dockerignore(p);
        for (const q of paths) {
          // A pattern matching a folder excludes everything below it.
          const segs = q.split('/');
          const expected = !!re && segs.some((_, k) => re!.test(segs.slice(0, k + 1).join('/')));
          assert.equal(di.excludes(q), expected, `${JSON.stringify(p)} ${JSON.stringify(q)}`);
        }
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  it('a pattern full of ** against a long path finishes', () => {
    const di = new Dockerignore('**a**a**a**a**a**a**a**a**a**a**b\n' + '*'.repeat(200) + 'b');
    assert.equal(di.excludes('a'.repeat(5000)), false);
  });
});

describe('linear scanners on 100 KB adversarial input', () => {
  const N = 100_000;
  it('finish', () => {
    assert.equal(S.cutAtFirstOf('#'.repeat(N) + '\n', '#'), '#'.repeat(N) + '\n');
    assert.equal(S.trimTrailing('/'.repeat(N) + 'x/', '/'), '/'.repeat(N) + 'x');
    assert.deepEqual(S.trustedYesSpans('['.repeat(N / 20) + 'trusted=yes'.repeat(N / 20)), []);
    assert.equal(S.gpgcheckOffMatch(' '.repeat(N)), -1);
    assert.equal(S.debSourceHttpUrl('http://deb\t['.repeat(N / 12)), undefined);
    assert.equal(S.debSourceHttpUrl('deb ['.repeat(N / 5) + ' '.repeat(N)), undefined);
    assert.equal(S.trailingBracketText('[\x00'.repeat(N / 2) + '][[]'), '[');
    assert.deepEqual(S.openAiKeySpans('sk-dbl-jirnB-'.repeat(N / 13)), []);
    assert.deepEqual(S.openAiKeySpans('sk- '.repeat(N / 4) + 'T3BlbkFJ'), []);
    assert.deepEqual(S.jwtSpans('eyJyyyyyyy-'.repeat(N / 11) + 'J-00ey0e'), []);
    assert.deepEqual(S.urlPasswordSpans('A+'.repeat(N / 2) + '://' + 'a'.repeat(N)), []);
    assert.deepEqual(S.urlPasswordSpans('a://b:'.repeat(N / 6)), []);
  });
});
