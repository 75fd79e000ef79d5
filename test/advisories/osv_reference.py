# An independent OSV matcher in Python (packaging's PEP 440 Version, vendored by pip) for
# osv-agreement.test.ts: for the given packages of an OSV folder, every version named in their
# records (plus .post1, rc1 and .dev0 neighbours of each bound) with the ids of the records that
# affect it, following the README of ../shared/osv-pypi and the OSV schema's evaluation.
import functools
import glob
import json
import re
import sys

try:
    from packaging.version import InvalidVersion, Version
except ImportError:
    from pip._vendor.packaging.version import InvalidVersion, Version


def norm(n):
    return re.sub(r"[-_.]+", "-", n).lower()


@functools.lru_cache(maxsize=None)
def pv(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None


def events_of(rg):
    evs = []
    for e in rg["events"]:
        for kind in ("introduced", "fixed", "last_affected"):
            if kind in e:
                if kind == "introduced" and e[kind] == "0":
                    evs.append((kind, None))
                else:
                    p = pv(e[kind])
                    if p is not None:
                        evs.append((kind, p))
                break
    # Stable sort; "introduced: 0" first.
    evs.sort(key=lambda x: (x[1] is not None, x[1] or Version("0")))
    return evs


PREPARED = {}


def prepare(entry):
    key = id(entry)
    if key not in PREPARED:
        versions = entry.get("versions", [])
        PREPARED[key] = (
            {pv(x) for x in versions if pv(x) is not None},
            {x.strip().lower() for x in versions if pv(x) is None},
            [events_of(rg) for rg in entry.get("ranges", []) if rg["type"] == "ECOSYSTEM"],
        )
    return PREPARED[key]


def affected(entry, v, raw):
    parsed, raws, ranges = prepare(entry)
    if v is not None and v in parsed:
        return True
    if v is None:
        return raw.strip().lower() in raws
    for evs in ranges:
        aff = False
        for kind, p in evs:
            if kind == "introduced" and (p is None or v >= p):
                aff = True
            elif kind == "fixed" and v >= p:
                aff = False
            elif kind == "last_affected" and v > p:
                aff = False
        if aff:
            return True
    return False


def main(folder, wanted):
    bypkg = {}
    for f in sorted(glob.glob(folder + "/*.json")):
        r = json.load(open(f))
        for a in r.get("affected", []):
            name = norm(a["package"]["name"])
            if name in wanted:
                bypkg.setdefault(name, []).append((r["id"], a))
    out = []
    for name, entries in sorted(bypkg.items()):
        cands = set()
        for _, a in entries:
            cands.update(a.get("versions", []))
            for rg in a.get("ranges", []):
                if rg["type"] != "ECOSYSTEM":
                    continue
                for e in rg["events"]:
                    for k in ("introduced", "fixed", "last_affected"):
                        if k in e and e[k] != "0":
                            cands.add(e[k])
                            p = pv(e[k])
                            if p is not None and not p.local:
                                cands.update([e[k] + ".post1", p.base_version + "rc1", e[k] + ".dev0"])
        for c in sorted(cands):
            v = pv(c)
            ids = sorted({i for i, a in entries if affected(a, v, c)})
            out.append([name, c, ids])
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], set(sys.argv[2:]))
