"""The attribution grammar: who answers for a task, read the same way wherever a task is attributed.

The words are data (``grammar.yml`` beside this module): labels and their roles (牵头单位 → lead,
责任单位 → resp, 配合单位 → coop, 责任领导 → leader, 完成时限 → deadline), phrase forms (A牵头，B配合;
A、B分别牵头; A负责; 按职责分工负责), generic items (各街道, 区直各部门), and the lead rules a document
may print (列第一位为牵头单位; 无牵头单位的，责任单位即为牵头单位).  The prose pass reads brackets, label
paragraphs and headings with it; the table pass its column headers.

All functions take the parsing form of a text (``normalise.normalise_text``: simplified characters,
full-width brackets and colons next to CJK text); whitespace inside a phrase carries no meaning.

Lead means what the text marks as leading: a lead label or phrase, a unit marked （牵头）, or a rule the
document prints.  Units that only answer for a task (a lone 责任单位 list, 分工负责) under no such rule
have no lead: they are ``Roles.resp``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

_OPEN = "（(〔【["
_CLOSE = "）)〕】]"
ROLES = ("lead", "resp", "own", "coop", "leader", "overall", "deadline")


@functools.lru_cache(maxsize=1)
def data() -> dict:
    d = yaml.safe_load((Path(__file__).with_name("grammar.yml")).read_text(encoding="utf-8"))
    bad = {k: v for k, v in d["labels"].items() if v not in ROLES}
    if bad:
        raise ValueError(f"grammar.yml: unknown roles {bad}")
    return d


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _res() -> dict:
    d = data()
    labels = _alt(d["labels"])
    phrase_role = {w: role for role, words in d["phrases"].items() for w in words}
    return {
        "labels": d["labels"],
        # a label followed by its colon, anywhere (牵头单位：X责任单位：Y, the space between them lost)
        "field": re.compile(rf"({labels})\s*[：:]"),
        "label_start": re.compile(rf"^[\s【\[]*({labels})\s*[】\]]?\s*[：:]\s*"),
        "phrase_role": phrase_role,
        # a clause ending in a phrase word, up to the separator after it
        "phrase_end": re.compile(rf"({_alt(phrase_role)})(?=$|[，,、；;。])"),
        "clause": re.compile(rf"(.*?)({_alt(phrase_role)})(?:[，,、；;]|$)"),
        "phrase_tail": re.compile(rf"({_alt(phrase_role)})$"),
        "marked": re.compile(d["marked_lead"]),
        "heading_lead": re.compile(d["heading_lead"]),
        "generic": [re.compile(p) for p in d["generic"]],
        "rule_first": [re.compile(p) for p in d["lead_rules"]["first"]],
        "rule_all": [re.compile(p) for p in d["lead_rules"]["all"]],
        "titles": re.compile(d["official_titles"]),
        "surnames": set(d["surnames"]),
        "joiners": _alt(d["joiners"]),
    }


def nospace(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


# ------------------------------------------------------------------ rules

def lead_rule(text: str) -> Optional[str]:
    """The lead rule a text prints: 'first' (the first listed unit leads), 'all' (a lone 责任单位
    list leads), or None."""
    t = nospace(text)
    if any(r.search(t) for r in _res()["rule_all"]):
        return "all"
    if any(r.search(t) for r in _res()["rule_first"]):
        return "first"
    return None


# ------------------------------------------------------------------ names

def is_generic(name: str) -> bool:
    """各部门单位, 其他相关部门单位, 县直相关单位, 等 …, and short bare category nouns (指挥部) that name
    no one unit."""
    if name == "等" or any(r.search(name) for r in _res()["generic"]):
        return True
    return len(name) <= 3 and not re.search(r"[县市州省区镇乡]|[局办委院队所站行馆社联厅处室部府司会组]$", name)


def _top_level_split(text: str, seps: str) -> list[str]:
    """Split at separators outside brackets."""
    out, cur, depth = [], "", 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in seps and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


# a generic item that lists its kinds before its head noun: 各市、特区、区人民政府 / 各县、区政府
_OPEN_GENERIC = re.compile(r"^各[\u4e00-\u9fff]{1,2}$")
_CLOSED_GENERIC = re.compile(r"(政府|管委会|办事处|部门|单位)$")
_BARE_CATEGORIES = {"街道", "街道办", "街道办事处", "社区", "村", "村（社区）", "村（居）", "园区", "开发区"}
_UNIT_END = "局办委院队所站行馆社联厅处室府心司会区"


def split_names(text: str) -> list[str]:
    """'A、B及其他相关部门单位' -> ['A', 'B', '其他相关部门单位'] (names as printed; brackets inside a
    name are kept: 县发改局（粮食局）, 各县（市、区）政府)."""
    r = _res()
    text = nospace(text).strip("。；;，,、")
    out: list[str] = []
    for part in _top_level_split(text, data()["separators"]):
        # 'X及其他…', 'X和各…', 'X等相关…', 'X局和县Y局': a joiner before a generic item or a new unit
        part = re.sub(rf"(?<=.)({r['joiners']})(?=(各|其他|其它|相关|有关|具有|涉及|县直|市直|区直|全县|全市|其余))",
                      "|", part)
        part = re.sub(rf"(?<=[{_UNIT_END}])(以及|及|和|与)(?=[县市区州省镇乡])", "|", part)
        for p in part.split("|"):
            p = p.strip("。；;，,、 ")
            p = re.sub(r"((按|依)(职责|职能|分工)(分工)?|分工|分别|共同)+$", "", p)
            p = re.sub(r"[（(]以下简称[^）)]*[）)]", "", p)
            if p.endswith("等") and len(p) > 1:
                out += [p[:-1], "等"]
            elif p in _BARE_CATEGORIES and out and is_generic(out[-1]):
                out[-1] += "、" + p  # 各乡镇、街道: one generic phrase
            elif out and _OPEN_GENERIC.match(out[-1].split("、")[0]) and not _CLOSED_GENERIC.search(out[-1]) \
                    and not is_generic(p) and (len(p) <= 3 or _CLOSED_GENERIC.search(p) and len(p) <= 6):
                out[-1] += "、" + p  # 各市、特区、区人民政府: one generic phrase up to its head noun
            elif out and len(out[-1]) == 1:
                # a lone character before the next name: one phrase (县、乡各医院) or a stray mark (县、医保局)
                out[-1] += ("、" + p) if is_generic(p) else p
            elif p:
                out.append(p)
    return out


def split_officials(text: str) -> list[str]:
    """Officials as printed in a cell or field: '王 强、李明', '王 强李 明' (= 王强, 李明), '副县长王强'.
    Spaces that pad a two-character name are not part of it."""
    r = _res()
    names: list[str] = []
    for part in re.split(r"[、，,；;/\n]+", text):
        part = re.sub(r"[（(][^（()）]*[）)]", " ", part)  # 王强（常务副县长）
        part = r["titles"].sub(" ", part)
        part = part.strip()
        if not part:
            continue
        tokens = [t for t in re.split(r"[\s\u3000]+", part) if t]
        joined = "".join(tokens)
        if not re.fullmatch(r"[\u3400-\u9fff·]+", joined):
            if joined:
                names.append(joined)
            continue
        # where the print put a space a name may end (李亚江 曹 陶); a space may also pad a name (王 强)
        spaces, pos = set(), 0
        for t in tokens[:-1]:
            pos += len(t)
            spaces.add(pos)
        names += _segment_names(joined, frozenset(spaces))
    return [n for n in dict.fromkeys(names) if n]


def _segment_names(s: str, spaces: frozenset = frozenset()) -> list[str]:
    """A run of names printed without separators (王强李明, 李亚江 曹 陶) cut into names of two or three
    characters (four, at a cost: 欧阳文华): each should begin with a common surname, and a name should end
    where the print put a space."""
    if len(s) <= 3:
        return [s]
    sur = _res()["surnames"]

    @functools.lru_cache(maxsize=None)
    def best(i: int) -> Optional[tuple[float, tuple[str, ...]]]:
        if i == len(s):
            return (0.0, ())
        found = None
        for n in (2, 3, 4):
            if i + n <= len(s):
                rest = best(i + n)
                if rest is not None:
                    cost = rest[0] + (0 if s[i] in sur else 1) + (0.9 if n == 4 else 0)
                    cost += 0.5 if spaces and i + n < len(s) and i + n not in spaces else 0
                    if found is None or cost < found[0]:
                        found = (cost, (s[i:i + n], *rest[1]))
        return found

    got = best(0)
    return list(got[1]) if got else [s]


# ------------------------------------------------------------------ attributions

@dataclass
class Roles:
    lead: list[str] = field(default_factory=list)
    coop: list[str] = field(default_factory=list)
    resp: list[str] = field(default_factory=list)  # answer for the task, no lead marked
    others: list[str] = field(default_factory=list)  # generic items
    leaders: list[str] = field(default_factory=list)
    overall: list[str] = field(default_factory=list)
    deadline: Optional[str] = None
    rule: Optional[str] = None  # a lead rule printed inside the phrase (…列第一位为牵头单位，下同)

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(self.lead + self.coop + self.resp))


def label_start(text: str) -> Optional[tuple[str, str, str]]:
    """A paragraph opening with a label: (label, role, the rest), e.g. '责任单位：A、B'."""
    t = nospace(text)
    m = _res()["label_start"].match(t)
    if not m:
        return None
    return m.group(1), _res()["labels"][m.group(1)], t[m.end():]


def is_attribution(content: str) -> bool:
    """True if the text inside a bracket (or a paragraph) names who is responsible."""
    r = _res()
    c = nospace(content).rstrip("。；;，,")
    if not c or len(c) > 400:
        return False
    if r["label_start"].match(c) or r["field"].search(c):
        return True
    if r["phrase_end"].search(c) or r["marked"].search(c):
        return re.search(r"(县|市|州|省|区|镇|乡|街道|局|办|委|院|部|中心|公司|政府|单位|部门|队|所|站|会|团|行|馆|室|处|社|联)",
                         c) is not None and not re.search(r"\d{4}年", c)
    return False


def closing(text: str, i: int, opening: str = _OPEN, closers: str = _CLOSE) -> int:
    """The index of the bracket that closes the one opened at ``i`` (brackets nest), or len(text) when
    the text stops first."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] in opening:
            depth += 1
        elif text[j] in closers:
            depth -= 1
            if depth == 0:
                return j
    return len(text)


def _strip_rules(t: str) -> tuple[str, Optional[str]]:
    """Brackets inside a phrase that state a lead rule (除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)
    are no units: removed, and the rule returned."""
    rule = None
    out, i = "", 0
    while i < len(t):
        if t[i] in _OPEN:
            j = closing(t, i)
            inner = t[i + 1:j]
            got = lead_rule(inner)
            if got or "下同" in inner:
                rule = rule or got
                i = j + 1
                continue
        out += t[i]
        i += 1
    return out, rule


def _groups(t: str, default: str) -> list[tuple[str, str]]:
    """(role, names text) clauses of one field: split after each phrase word and at ；."""
    out: list[tuple[str, str]] = []
    for piece in _top_level_split(t, "；;"):
        rest = piece
        while rest:
            m = _res()["clause"].match(rest)
            if not m:
                break
            body, word = m.group(1), m.group(2)
            role = _res()["phrase_role"][word]
            inner = _res()["phrase_tail"].search(body)
            if inner and _res()["phrase_role"][inner.group(1)] == "lead":  # A、B牵头按职责分工负责
                body, role = body[:inner.start()], "lead"
            if body.strip("，,、"):
                out.append((role, body))
            elif out and out[-1][0] == default:  # '…，A、B，负责' : the word names the clause before
                out[-1] = (role, out[-1][1])
            rest = rest[m.end():]
        if rest.strip("，,、。"):
            out.append((default, rest))
    return out


def parse_attribution(text: str, rule: Optional[str] = None, lead_known: bool = False,
                      cut: bool = False) -> Roles:
    """Read one attribution (with or without its brackets).

    ``rule``: the lead rule the document prints ('first' / 'all'); ``lead_known``: a heading above
    names the lead, so the units here share the work; ``cut``: the text stops inside the phrase, so its
    last name may be incomplete and is not read.
    """
    r = _res()
    t = nospace(text)
    if t and t[0] in _OPEN:
        t = t[1:-1] if t[-1] in _CLOSE else t[1:]
    t = t.rstrip("。；;，,")
    t, inner_rule = _strip_rules(t)
    rule = inner_rule or rule
    marked = [n for n in split_names("、".join(re.findall(r"([^、，,；;：:（(）)]+)" + r["marked"].pattern, t)))]
    t = r["marked"].sub("", t)
    # labelled fields: label：names, in any order
    fields: list[tuple[str, str]] = []
    starts = [(m.start(1), m.end(), r["labels"][m.group(1)]) for m in r["field"].finditer(t)]
    if not starts or starts[0][0] > 0:
        head = t[: starts[0][0]] if starts else t
        if head.strip("，,；;、 "):
            fields.append(("resp", head))
    for k, (s, e, role) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(t)
        fields.append((role, t[e:end].strip("，,；;、 ")))
    out = Roles(rule=inner_rule)
    groups: list[tuple[str, list[str]]] = []
    for role, value in fields:
        if role == "deadline":
            out.deadline = out.deadline or (value or None)
            continue
        if role in ("leader", "overall"):
            (out.leaders if role == "leader" else out.overall).extend(split_officials(value))
            continue
        for g_role, names_text in _groups(value, role):
            groups.append((g_role, split_names(names_text)))
    if cut:
        # the text stops inside the phrase: its last name (and a label left without names) is not read
        if groups and groups[-1][1]:
            groups[-1] = (groups[-1][0], groups[-1][1][:-1])
        elif fields and fields[-1][0] in ("leader", "overall"):
            lst = out.leaders if fields[-1][0] == "leader" else out.overall
            if lst:
                lst.pop()
    has_lead = lead_known or bool(marked) or any(role == "lead" for role, _ in groups)
    has_coop = any(role == "coop" and names for role, names in groups)
    lead = [n for n in marked if not is_generic(n)]
    for role, names in groups:
        units = [n for n in names if not is_generic(n)]
        out.others += [n for n in names if is_generic(n)]
        if role == "lead":
            lead += units
        elif role == "coop":
            out.coop += units
        elif role == "own":
            # A负责: in charge, a lead only where others are said to cooperate with it (A负责，B配合)
            (out.coop if has_lead else lead if has_coop else out.resp).extend(units)
        elif has_lead:
            out.coop += units
        elif rule == "first" and units:
            lead.append(units[0])
            out.coop += units[1:]
            has_lead = True
        elif rule == "all":
            lead += units
        else:
            out.resp += units
    out.lead = list(dict.fromkeys(lead))
    out.coop = [u for u in dict.fromkeys(out.coop) if u not in out.lead]
    out.resp = [u for u in dict.fromkeys(out.resp) if u not in out.lead and u not in out.coop]
    out.others = list(dict.fromkeys(out.others))
    return out


def names_in_phrase(text: str) -> list[str]:
    """Every name a phrase prints, in printed order (units and generic items, no labels or role words)."""
    r = _res()
    t = nospace(text)
    if t and t[0] in _OPEN:
        t = t[1:-1] if t[-1] in _CLOSE else t[1:]
    t, _ = _strip_rules(t)
    t = r["marked"].sub("", t)
    out: list[str] = []
    starts = [(m.start(1), m.end(), r["labels"][m.group(1)]) for m in r["field"].finditer(t)]
    spans = [(0, starts[0][0] if starts else len(t), "resp")] if not starts or starts[0][0] > 0 else []
    spans += [(e, starts[k + 1][0] if k + 1 < len(starts) else len(t), role) for k, (s, e, role) in enumerate(starts)]
    for a, b, role in spans:
        if role in ("leader", "overall", "deadline"):
            continue
        for _, body in _groups(t[a:b].strip("，,；;、 "), role):
            out += split_names(body)
    return out


def heading_lead(text: str) -> list[str]:
    """The lead a group heading names outside brackets: 二、县住建局牵头工作（6项） -> [县住建局]."""
    t = re.sub(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、])", "", nospace(text))
    m = _res()["heading_lead"].match(t)
    if not m:
        return []
    names = split_names(m.group("units"))
    return [n for n in names if not is_generic(n)] if names and all(len(n) <= 20 for n in names) else []


@functools.lru_cache(maxsize=4096)
def column_role(header: str) -> Optional[str]:
    """The table pass's role of a column header, however spaced (分 管 领 导 → leaders, 牵头单位 →
    lead_units, 重点任务 → text, 建设时间 → other), or None."""
    h = nospace(header)
    label = _res()["labels"].get(h)
    if label:
        return data()["table_roles"].get(label)
    for role, words in data()["columns"].items():
        if h in words:
            return role
    return None


def is_column_word(word: str) -> bool:
    return column_role(word) is not None
