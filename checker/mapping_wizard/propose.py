"""What an export holds, read as a new user's export: where its header is, which column is
which, long or wide, the values it writes that the checker does not know yet.

The header row is found by the reader's own function (checker.logs.header.find_header):
the first of the top rows that looks like a header and has at least two known wordings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checker.errors import CheckerError
from checker.logs.header import HEADER_SEARCH_ROWS, clean_header, find_header, looks_like_header
from checker.logs.reader import table_rows
from checker.logs.xlsx_reader import sheet_names
from checker.logs.rows import VOCABULARIES, cell_text
from checker.logs.timestamps import parse_instant
from checker.logs.synonyms import Synonyms, Target, load_synonyms
from checker.ruleset import RuleSet
from checker.vocabulary import BOOLEANS, EVENTS, LIFE_ORDER

VALUE_COLUMNS = ("satisfaction", "resolved", "urgent", "outcome", "deadline_class", "key_category")
SHARED_IN_WIDE = ("unit", "category", "urgent", "deadline_class", "key_category", "channel", "note",
                  "actor")
MAX_LISTED = 40


@dataclass
class Question:
    """A value the mapping cannot decide alone: where to add it and what it might mean."""
    column: str          # the values.COLUMN key (or happened_if of an event)
    value: str
    count: int
    kind: str            # unknown | needs_reason | flag
    suggestion: object = None


@dataclass
class WideEventProposal:
    event: str
    column: str | None
    fields: dict[str, str] = field(default_factory=dict)
    happened_if: dict | None = None
    assume_at: str | None = None


@dataclass
class Proposal:
    source: str
    file_kind: str
    encoding: str | None
    sheet: str | None
    header_line: int
    above: list[str]                          # the rows above the header, as text
    header: list[str]
    layout: str
    columns: dict[str, str]                   # header -> canonical column
    events: list[WideEventProposal] = field(default_factory=list)
    values: dict[str, dict] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    ticket_attributes: dict[str, str] = field(default_factory=dict)
    timestamp_formats: list[str] = field(default_factory=list)
    unreadable_times: list[tuple[str, str]] = field(default_factory=list)   # (header, value)
    unknown_units: list[tuple[str, int, list[str]]] = field(default_factory=list)
    default_categories: list[tuple[str, int]] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)           # (header, why)
    approvers: list[tuple[str, int, str]] = field(default_factory=list)     # (name, rows, whom it names)
    rows: int = 0


def propose_mapping(path: str, ruleset: RuleSet, sheet: str | None = None,
                    synonyms: Synonyms | None = None) -> Proposal:
    synonyms = synonyms or load_synonyms()
    file_kind, encoding, rows = table_rows(path, sheet)

    def fits(header, line):
        known = sum(1 for cell in header if cell and synonyms.lookup(cell))
        return header if known >= 2 and looks_like_header(header) else None

    search = find_header(rows, fits)
    if search.found is None and file_kind == "xlsx" and sheet is None:
        # A workbook may open on a cover or summary sheet: the first sheet with a header is read.
        for name in sheet_names(path)[1:]:
            _, _, rows = table_rows(path, name)
            candidate = find_header(rows, fits)
            if candidate.found is not None:
                search, sheet = candidate, name
                break
    if search.found is None:
        shown = ("，".join(c for c in clean_header(search.guess[2]) if c) if search.guess else "（空）")
        raise CheckerError(f"前 {HEADER_SEARCH_ROWS} 行中找不到表头行（至少两列是已知的列名，如 工单编号、派单时间）；"
                           f"最像表头的一行为：{shown}。可在 rules/header-synonyms.yaml 中添加本平台的列名",
                           file=path)
    header = search.header
    data = [row[2] for row in rows]
    proposal = Proposal(source=path, file_kind=file_kind, encoding=encoding,
                        sheet=sheet if sheet else None, header_line=search.line,
                        above=["，".join(c for c in clean_header(row[2]) if c) for row in search.skipped],
                        header=header, layout="wide", columns={}, rows=len(data))
    placed = _place(header, synonyms, proposal)
    columns = placed["column"]
    if "event" in columns and "at" in columns:
        proposal.layout = "long"
    elif not placed["event"]:
        found = "，".join(c for c in header if c)
        raise CheckerError(f"表头（第 {search.line} 行）既没有“事件”和“时间”列（一事一行），也没有任何环节时间列"
                           f"（派单时间、签收时间 …，一单一行）；表头为：{found}", file=path)
    if "ticket_id" not in columns:
        raise CheckerError(f"表头（第 {search.line} 行）没有工单编号列（工单编号、工单号、受理编号 …）；"
                           f"表头为：{'，'.join(c for c in header if c)}", file=path)
    position = {name: index for index, name in enumerate(header) if name}
    if proposal.layout == "long":
        _long(proposal, placed, position, data, synonyms)
    else:
        _wide(proposal, placed, position, data, synonyms)
    proposal.columns = dict(sorted(proposal.columns.items(), key=lambda item: position[item[0]]))
    _values(proposal, position, data, synonyms)
    _times(proposal, position, data, ruleset, synonyms)
    _names(proposal, position, data, ruleset)
    return proposal


# --- placing the headers -----------------------------------------------------------------

def _place(header: list[str], synonyms: Synonyms, proposal: Proposal) -> dict[str, dict[str, str]]:
    """{kind: {name: header}}. Each target takes the header whose wording ranks first in its
    list (then the leftmost); event times and extension columns are placed before plain
    columns, so 承诺办结时间 is an extension's promised time when the export has extension
    columns. A known header left without a target repeats one already placed."""
    candidates: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        targets = synonyms.lookup(name)
        if not targets:
            proposal.unplaced.append((name, "unknown"))
        for target in targets:
            candidates.setdefault((target.kind, target.name), []).append((target.rank, index, name))
    placed: dict[str, dict[str, str]] = {"column": {}, "event": {}, "extension": {}}
    used: set[str] = set()
    for kind in ("event", "extension", "column"):
        wanted = sorted((min(found), key) for key, found in candidates.items() if key[0] == kind)
        for _, key in wanted:
            for _, _, name in sorted(candidates[key]):
                if name not in used:
                    placed[kind][key[1]] = name
                    used.add(name)
                    break
    for name in header:
        if name and name not in used and synonyms.lookup(name):
            proposal.unplaced.append((name, "duplicate"))
    return placed


def _long(proposal: Proposal, placed, position, data, synonyms: Synonyms) -> None:
    proposal.columns = {header: column for column, header in placed["column"].items()}
    for part, header in placed["extension"].items():
        proposal.unplaced.append((header, "extension_in_long"))
    for event, header in placed["event"].items():
        proposal.unplaced.append((header, "event_time_in_long"))
    event_index = position[placed["column"]["event"]]
    seen: Counter = Counter()
    unknown: Counter = Counter()
    aliases = VOCABULARIES["event"]
    unit_index = position.get(placed["column"].get("unit", ""), None)
    dispatch_without_unit = False
    proposed: dict[str, str] = {}
    for cells in data:
        text = cell_text(cells[event_index]) if event_index < len(cells) else None
        if text is None:
            continue
        event = aliases.get(text) or aliases.get(text.lower()) or proposed.get(text)
        if event is None:
            guess = synonyms.event_words.get(text.replace(" ", ""))
            if guess:
                proposed[text] = event = guess
            else:
                unknown[text] += 1
                continue
        seen[event] += 1
        if event in ("dispatched", "redispatched") and unit_index is not None:
            if unit_index >= len(cells) or cell_text(cells[unit_index]) is None:
                dispatch_without_unit = True
    if proposed:
        proposal.values["event"] = proposed
    proposal.questions += [Question("event", value, count, "unknown") for value, count in unknown.most_common()]
    proposal.unrecorded = [event for event in EVENTS if event not in seen]
    if dispatch_without_unit:
        proposal.ticket_attributes["unit"] = "from_any_row"


def _wide(proposal: Proposal, placed, position, data, synonyms: Synonyms) -> None:
    columns = placed["column"]
    proposal.columns = {columns["ticket_id"]: "ticket_id"}
    events = placed["event"]
    per_event: dict[str, dict[str, str]] = {}
    for event, names in synonyms.event_fields.items():
        for column in names:
            if column in columns:
                if event in events:
                    per_event.setdefault(event, {})[column] = columns[column]
                else:
                    proposal.unplaced.append((columns[column], f"needs_event:{event}"))
    travelling = {column for names in synonyms.event_fields.values() for column in names}
    for column, header in columns.items():
        if column == "ticket_id" or column in travelling:
            continue
        if column in SHARED_IN_WIDE or (column == "promised_at" and not placed["extension"]):
            proposal.columns[header] = column
        elif column != "promised_at":
            proposal.unplaced.append((header, f"long_only:{column}"))
    ordered = sorted(events.items(), key=lambda item: LIFE_ORDER[item[0]])
    proposal.events = [WideEventProposal(event, header, fields=per_event.get(event, {}))
                       for event, header in ordered]
    extension = dict(placed["extension"])
    if "promised_at" not in extension and "promised_at" in columns and extension:
        extension["promised_at"] = columns["promised_at"]
    if extension.keys() & {"flag", "approved_at", "promised_at"}:
        stand_in = extension.get("requested_at") or events.get("dispatched") or (ordered[0][1] if ordered else None)
        item = WideEventProposal("extension_approved", extension.get("approved_at"))
        if "promised_at" in extension:
            item.fields["promised_at"] = extension["promised_at"]
        if "approver" in extension:
            item.fields["actor"] = extension["approver"]
        if "flag" in extension:
            item.happened_if = _flag(extension["flag"], position, data, proposal)
        elif "approved_at" not in extension:
            item.happened_if = {"column": extension["promised_at"], "yes": "any"}
        if item.column is None or item.happened_if is not None:
            item.assume_at = stand_in
        if "requested_at" in extension:
            proposal.events.append(WideEventProposal("extension_requested", extension["requested_at"]))
        proposal.events.append(item)
        proposal.events.sort(key=lambda e: LIFE_ORDER[e.event])
    named = {item.event for item in proposal.events}
    proposal.unrecorded = [event for event in EVENTS if event not in named]
    visit = next((item for item in proposal.events if item.event == "visited"), None)
    if visit is not None:
        for column in ("resolved", "satisfaction"):
            if column not in visit.fields:
                proposal.unrecorded.append(f"visited.{column}")


def _flag(header: str, position, data, proposal: Proposal) -> dict:
    """happened_if of an extension: 是/否 are understood; other words are sorted by sense
    (未延期, 不延期 → no) and listed for the user to confirm."""
    index = position[header]
    values = Counter(cell_text(cells[index]) for cells in data if index < len(cells))
    values.pop(None, None)
    yes, no = [], []
    for value, count in values.most_common():
        if value.lower() in BOOLEANS:
            continue
        (no if any(mark in value for mark in ("未", "否", "不", "无", "没")) else yes).append(value)
        proposal.questions.append(Question(f"happened_if:{header}", value, count, "flag",
                                           "no" if value in no else "yes"))
    flag: dict = {"column": header}
    if yes:
        flag["yes"] = yes
    if no:
        flag["no"] = no
    return flag


# --- values -------------------------------------------------------------------------------

def _value_headers(proposal: Proposal) -> dict[str, str]:
    found = {column: header for header, column in proposal.columns.items()}
    for item in proposal.events:
        for column, header in item.fields.items():
            found.setdefault(column, header)
    return found


def _known_share(values: Counter, column: str, synonyms: Synonyms) -> float:
    """The share of the rows whose value `column`'s vocabulary (built-in or plain) knows."""
    builtin, known = VOCABULARIES[column], synonyms.values.get(column, {})
    total = sum(values.values())
    hits = sum(count for value, count in values.items()
               if value in builtin or value.lower() in builtin or value in known)
    return hits / total if total else 0.0


def _regroup(proposal: Proposal, position, data, synonyms: Synonyms) -> None:
    """A 紧急程度 column that holds the notice's classes (突发事件类, 基本生活保障类 …) rather
    than an urgency is read as the deadline class: otherwise every event of the row is refused."""
    for header, column in list(proposal.columns.items()):
        if column != "urgent" or "deadline_class" in proposal.columns.values():
            continue
        index = position[header]
        values = Counter(cell_text(cells[index]) for cells in data if index < len(cells))
        values.pop(None, None)
        if _known_share(values, "deadline_class", synonyms) > _known_share(values, "urgent", synonyms):
            proposal.columns[header] = "deadline_class"


def _values(proposal: Proposal, position, data, synonyms: Synonyms) -> None:
    _regroup(proposal, position, data, synonyms)
    for column, header in _value_headers(proposal).items():
        if column not in VALUE_COLUMNS:
            continue
        index = position[header]
        counts = Counter(cell_text(cells[index]) for cells in data if index < len(cells))
        counts.pop(None, None)
        builtin = VOCABULARIES[column]
        known = synonyms.values.get(column, {})
        doubtful = set(synonyms.needs_reason.get(column, ()))
        for value, count in counts.most_common():
            if value in builtin or value.lower() in builtin:
                continue
            if value in doubtful:
                proposal.questions.append(Question(column, value, count, "needs_reason"))
            elif value in known:
                proposal.values.setdefault(column, {})[value] = known[value]
            else:
                proposal.questions.append(Question(column, value, count, "unknown"))


def _time_headers(proposal: Proposal) -> list[str]:
    if proposal.layout == "long":
        return [h for h, c in proposal.columns.items() if c in ("at", "promised_at")]
    headers = [item.column for item in proposal.events if item.column]
    headers += [item.fields["promised_at"] for item in proposal.events if "promised_at" in item.fields]
    return headers


def _times(proposal: Proposal, position, data, ruleset: RuleSet, synonyms: Synonyms) -> None:
    """The strptime forms the export's text times need, tried on a sample of each column."""
    formats: list[str] = []
    for header in _time_headers(proposal):
        index = position[header]
        sample = [cells[index] for cells in data[:2000] if index < len(cells)
                  and isinstance(cells[index], str) and cells[index].strip()]
        for value in sample[:300]:
            try:
                parse_instant(value.strip(), ruleset.tz, tuple(formats))
                continue
            except ValueError:
                pass
            fitting = next((f for f in synonyms.timestamp_formats
                            if _parses(value.strip(), ruleset, f)), None)
            if fitting:
                formats.append(fitting)
            elif len(proposal.unreadable_times) < 10:
                proposal.unreadable_times.append((header, value.strip()))
    proposal.timestamp_formats = formats


def _parses(value: str, ruleset: RuleSet, form: str) -> bool:
    try:
        parse_instant(value, ruleset.tz, (form,))
        return True
    except ValueError:
        return False


def _names(proposal: Proposal, position, data, ruleset: RuleSet) -> None:
    """Unit names the rule set does not know (with the closest it does), and categories the
    rule set gives no class, so the default class applies."""
    headers = _value_headers(proposal)
    unit_header = headers.get("unit")
    if unit_header:
        index = position[unit_header]
        counts = Counter(cell_text(cells[index]) for cells in data if index < len(cells))
        counts.pop(None, None)
        for name, count in counts.most_common():
            if ruleset.canonical_unit(name) is None:
                proposal.unknown_units.append((name, count, ruleset.closest_units(name)))
    approver = next((item.fields["actor"] for item in proposal.events
                     if item.event == "extension_approved" and "actor" in item.fields), None)
    if approver:
        index = position[approver]
        counts = Counter(cell_text(cells[index]) for cells in data if index < len(cells))
        counts.pop(None, None)
        for name, count in counts.most_common():
            key = ruleset.actor_key(name)
            proposal.approvers.append((name, count, ruleset.actor_name(key) if key else name))
    category_header = headers.get("category")
    if category_header:
        index = position[category_header]
        counts = Counter(cell_text(cells[index]) for cells in data if index < len(cells))
        counts.pop(None, None)
        default = ruleset.data["classification"]["default"]
        for name, count in counts.most_common():
            if ruleset.classify(name) == default:
                proposal.default_categories.append((name, count))
