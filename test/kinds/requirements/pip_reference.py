# Reads requirements files with pip's own parser (pip._internal.req.req_file) and prints, as JSON,
# what pip sees: per logical line its number, whether it is a requirement (and editable), the
# requirement text, the options, and where pip stops with an error. Requirement strings are then
# read with pip's parse_req_from_line. Used by pip-agreement.test.ts; run with Debian's
# /usr/bin/python3 (python3-pip).
import json
import sys

from pip._internal.cli import cmdoptions
from pip._internal.exceptions import InstallationError
from pip._internal.req.constructors import parse_req_from_line
from pip._internal.req.req_file import OptionParsingError, get_line_parser, preprocess, break_args_options

try:
    from pip._vendor.packaging.specifiers import LegacySpecifier
except ImportError:  # packaging >= 22 has no legacy specifiers
    LegacySpecifier = ()


SHARED_FEATURES = cmdoptions.use_new_feature.keywords["default"]


def opts_of(opts):
    fc = getattr(opts, "format_control", None)
    return {
        "index_url": opts.index_url,
        "extra_index_urls": opts.extra_index_urls,
        "find_links": opts.find_links,
        "trusted_hosts": opts.trusted_hosts,
        "requirements": opts.requirements,
        "constraints": opts.constraints,
        "editables": opts.editables,
        "hashes": opts.hashes or {},
        "config_settings": getattr(opts, "config_settings", None) or {},
        "global_options": getattr(opts, "global_options", None) or [],
        "pre": bool(opts.pre),
        "no_index": bool(opts.no_index),
        "require_hashes": bool(opts.require_hashes),
        "prefer_binary": bool(opts.prefer_binary),
        "features_enabled": list(opts.features_enabled),
        "no_binary": sorted(fc.no_binary) if fc else [],
        "only_binary": sorted(fc.only_binary) if fc else [],
    }


def read(path):
    with open(path, "rb") as f:
        content = f.read().decode("utf-8")
    if content.startswith("\ufeff"):
        content = content[1:]
    line_parser = get_line_parser(None)
    lines = []
    error = None
    for lineno, line in preprocess(content):
        # cmdoptions.use_new_feature is a functools.partial whose default list is shared by every
        # parser pip builds, so --use-feature values leak into later lines; reset it per line.
        SHARED_FEATURES.clear()
        try:
            args, opts = line_parser(line)
        except OptionParsingError as e:
            error = {"line": lineno, "message": e.msg}
            break
        entry = {"line": lineno, "args": args.strip(), "opts": opts_of(opts)}
        if args:
            entry["kind"] = "requirement"
            try:
                parts = parse_req_from_line(args, None)
                req = parts.requirement
                entry["req"] = {
                    "valid": True,
                    "name": req.name if req else None,
                    "extras": sorted(req.extras) if req else [],
                    "specifier": sorted(str(s) for s in req.specifier) if req else [],
                    "legacy": bool(req and LegacySpecifier and any(isinstance(s, LegacySpecifier) for s in req.specifier)),
                    "req_url": req.url if req and req.url else None,
                    "link_url": parts.link.url if parts.link else None,
                    "marker": str(parts.markers) if parts.markers else None,
                }
            except InstallationError as e:
                entry["req"] = {"valid": False, "message": str(e)}
            except Exception as e:  # pip raises other errors for odd input (e.g. InvalidWheelFilename)
                entry["req"] = {"valid": False, "message": f"{type(e).__name__}: {e}"}
        elif opts.editables:
            entry["kind"] = "editable"
        else:
            entry["kind"] = "options"
        lines.append(entry)
    return {"lines": lines, "error": error}


if __name__ == "__main__":
    print(json.dumps({p: read(p) for p in sys.argv[1:]}))
