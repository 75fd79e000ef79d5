// DJG030/DJG031 read TEMPLATES[*]['OPTIONS'].
import type { Binding } from '../evaluate';
import { certain, type DjangoModel } from '../model';
import { dictGet, isSeq, type DictEntry } from '../values';

export function templateOptions(m: DjangoModel, key: string): { b: Binding; entry: DictEntry; index: number }[] {
  const c = certain(m, 'TEMPLATES');
  if (!c || !isSeq(c.v)) return [];
  const out: { b: Binding; entry: DictEntry; index: number }[] = [];
  c.v.items.forEach((t, index) => {
    const e = dictGet(dictGet(t, 'OPTIONS')?.value, key);
    if (e) out.push({ b: c.b, entry: e, index });
  });
  return out;
}

export function writtenIn(e: DictEntry): boolean {
  const v = e.value.loc;
  return v.file === e.loc.file && v.from >= e.loc.from && v.to <= e.loc.to;
}
