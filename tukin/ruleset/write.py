"""Write a :class:`~tukin.ruleset.model.RuleSet` back as a rule file that loads to the same rules.

A payment is reproducible only if the rules that computed it can be found again. A packaged
pack is (``name@version``); a rule set changed in Python is not: the central-government packs
cannot pay without ``with_parameters(tukin_base=...)``, and a scenario or ``with_value`` builds
rules no file holds. :func:`to_yaml` writes any rule set as the YAML a person would have
written (every reference, source, date, description and note kept), and
:func:`tukin.load_ruleset` reads it back to a rule set with the **same fingerprint**: that is
what lets ``tukin verify`` use the rules saved beside a result years later.

How each value is written, so that it reads back to the same canonical content:

* a ``Decimal`` as a YAML number with a decimal point (``0.60`` stays ``0.60``, ``1E+3`` is
  ``1000.0``): the loader reads it from its text as the same Decimal;
* text as text, quoted whenever YAML would read it as something else (``'010'``, ``'60%'`` is
  left bare: it is text to YAML too);
* a ``Fraction``, a date-and-time, or anything else the canonical form writes as text
  (:func:`~tukin.ruleset.yamlsafe.canonical_json`) as that same text, quoted;
* table keys that are neither text nor whole numbers as their text, which is how the canonical
  form sees every key;
* no anchors or aliases (the loader refuses them), whatever objects the rule set shares.

A comment at the top says which tukin wrote the file, the rules' fingerprint, and, for rules
named after a packaged pack version but different from it, what differs (see
:func:`tukin.ruleset.packaged.changes_from_pack`). Comments are no part of the rules.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel

from tukin.ruleset.yamlsafe import _default

if TYPE_CHECKING:
    from tukin.ruleset.model import DatedValue, Parameter, RuleSet, Step

__all__ = ["rule_file_data", "to_yaml"]

#: keys of a rule file written apart after the plain ones (or not at all: ``tukin``)
_APART = frozenset({"tukin", "parameters", "columns", "steps", "outputs"})


def to_yaml(ruleset: RuleSet, *, header: bool = True) -> str:
    """The rule set as rule-file YAML; ``header``: begin with a comment naming the tukin that
    wrote it, the fingerprint and any difference from the packaged pack it is named after."""
    text = yaml.dump(
        rule_file_data(ruleset),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=96,
        default_flow_style=False,
    )
    return (_header(ruleset) + text) if header else text


def rule_file_data(ruleset: RuleSet) -> dict[str, Any]:
    """The rule set as the plain data of a rule file (the mapping :func:`tukin.load_ruleset`
    takes), keys in the order people write them, empty and default keys left out."""
    from tukin.ruleset.load import TOP_KEYS  # the loader's order: as the packs write them

    out: dict[str, Any] = {}
    for key in (k for k in TOP_KEYS if k not in _APART):
        value = getattr(ruleset, key)
        if isinstance(value, BaseModel):  # position_history
            value = value.model_dump()
        if key == "version" or (value is not None and value != ()):
            out[key] = _flow(value)
    if ruleset.parameters:
        out["parameters"] = {name: _parameter(p) for name, p in ruleset.parameters.items()}
    if ruleset.columns:
        out["columns"] = {
            name: {k: _flow(v) for k, v in c.model_dump().items() if v is not None}
            for name, c in ruleset.columns.items()
        }
    out["steps"] = [_step(s) for s in ruleset.steps]
    outputs = {k: _flow(v) for k, v in ruleset.outputs.model_dump().items() if v not in (None, ())}
    if outputs:
        out["outputs"] = outputs
    return out


def _parameter(p: Parameter) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("description", "unit"):
        if getattr(p, key) is not None:
            out[key] = getattr(p, key)
    if p.required:
        # a parameter the rules leave to the user: 'supplied' once it has values (a file
        # giving a value with 'required: true' is refused as a pack author's slip)
        out["required"] = "supplied" if p.values else True
    single = len(p.values) == 1 and (p.values[0].reference, p.values[0].source) == (
        p.reference,
        p.source,
    )
    if single:
        # the short form: the loader gives its reference and source to the parameter and to
        # the value alike, so it is used only when the two agree
        out.update(_dated(p.values[0]))
        return out
    for key in ("reference", "source"):
        if getattr(p, key) is not None:
            out[key] = getattr(p, key)
    if p.values:
        out["values"] = [_dated(v) for v in p.values]
    return out


def _dated(v: DatedValue) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if v.start is not None:
        out["from"] = v.start
    if v.end is not None:
        out["to"] = v.end
    if v.reference is not None:
        out["reference"] = v.reference
    if v.source is not None:
        out["source"] = v.source
    out["value"] = _flow(v.value)
    if v.note is not None:
        out["note"] = v.note
    return out


def _step(s: Step) -> dict[str, Any]:
    from tukin.ruleset.model import STEP_KEYS

    out: dict[str, Any] = {k: getattr(s, k) for k in STEP_KEYS if getattr(s, k) is not None}
    params = {k: _flow(v) for k, v in s.params.items()}
    # beside the common keys, as people write them; under 'params' when a key of the rule type
    # would be read as a common key, or a lone 'params' mapping would be unwrapped
    clash = any(k in STEP_KEYS for k in params) or (
        list(params) == ["params"] and isinstance(params["params"], dict)
    )
    if clash:
        out["params"] = params
    else:
        out.update(params)
    return out


class _FlowDict(dict[Any, Any]):
    """A table of plain values, written on one line (``{pns: 100%, cpns: 80%}``)."""


class _FlowList(list[Any]):
    """A list of plain values, written on one line (``[attendance]``)."""


def _flow(value: Any) -> Any:
    """``value`` with every list and table of plain values marked to be written on one line,
    as the packs write them; a list of tables stays one item a line."""
    if isinstance(value, dict):
        items = {k: _flow(v) for k, v in value.items()}
        nested = any(isinstance(v, dict | list) for v in items.values())
        return items if nested else _FlowDict(items)
    if isinstance(value, list | tuple):
        seq = [_flow(v) for v in value]
        return seq if any(isinstance(v, dict | list) for v in seq) else _FlowList(seq)
    return value


def _header(ruleset: RuleSet) -> str:
    import tukin
    from tukin.ruleset.packaged import changes_from_pack

    lines = [
        f"Rules written by tukin {tukin.__version__}: {ruleset.name} v{ruleset.version}",
        f"fingerprint {ruleset.fingerprint()}",
    ]
    if ruleset.title:
        lines.insert(1, ruleset.title)
    changed = changes_from_pack(ruleset)
    if changed:
        lines.append(
            f"NOT the packaged {ruleset.name}@{ruleset.version}: differs in {', '.join(changed)}"
        )
    lines.append("Load with tukin.load_ruleset(path); comments are no part of the rules.")
    # a comment holds only printable text on one line: the loader refuses a control character
    # anywhere in the file, and a line break would end the comment
    shown = ("".join(c if c.isprintable() else " " for c in line) for line in lines)
    return "".join(f"# {' '.join(text.split())}\n" for text in shown) + "\n"


class _Dumper(yaml.SafeDumper):
    """Safe YAML with sequences indented under their key and never an anchor."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    if not value.is_finite():
        return dumper.represent_str(_default(value))
    text = format(value, "f")
    if "." not in text:
        text += ".0"  # a YAML number without a point would be read as an int
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


#: characters YAML reads as a line break: written raw they would come back as a space or a
#: newline, so text holding one is written in double quotes, where they are escaped
_BREAKS = ("\x85", "\u2028", "\u2029")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    text = str(value)
    if any(b in text for b in _BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    return dumper.represent_str(text)


def _as_text(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
    return _text(dumper, str(_default(value)))


def _mapping(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.Node:
    # a key that is neither text nor a whole number (a Decimal from Python code) is written as
    # the text the canonical form makes of every key; YAML would refuse it as a number
    keys = {
        k: (k if isinstance(k, str | int) and not isinstance(k, bool) else str(k)) for k in value
    }
    items = [(keys[k], v) for k, v in value.items()]
    flow = isinstance(value, _FlowDict)
    return dumper.represent_mapping("tag:yaml.org,2002:map", items, flow_style=flow)


def _sequence(dumper: yaml.SafeDumper, value: tuple[Any, ...] | list[Any]) -> yaml.Node:
    flow = isinstance(value, _FlowList)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=flow)


def _fallback(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
    return _text(dumper, str(_default(value)))


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(Fraction, _as_text)
_Dumper.add_representer(dt.datetime, _as_text)
_Dumper.add_representer(dt.time, _as_text)
_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(tuple, _sequence)
_Dumper.add_multi_representer(dict, _mapping)
_Dumper.add_multi_representer(list, _sequence)
_Dumper.add_multi_representer(tuple, _sequence)
_Dumper.add_representer(str, _text)
_Dumper.add_multi_representer(str, _text)
_Dumper.add_multi_representer(int, lambda d, v: d.represent_int(int(v)))
_Dumper.add_multi_representer(object, _fallback)
