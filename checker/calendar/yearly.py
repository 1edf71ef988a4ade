"""The yearly calendar update: a year's holidays and make-up workdays, from the
`chinese-calendar` package when it has the year, or a template to fill in from the State
Council's notice; written into the calendar file as a text block, so its comments stay.

The package is an independent copy of the same official notices; `validate` compares the
official calendar (id `cn-mainland`) with it day by day for every year it knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say

OFFICIAL_ID = "cn-mainland"

# A citation names the notice by its document number, e.g. 国办发明电〔2025〕7号.
DOCUMENT_NUMBER = re.compile(r"〔\d{4}〕\d+号")

# The package's holiday names, as the notices write them.
NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
# The notices already published for the years the package knows (number and title, date):
# a year they cover is cited without --source. A newer year is cited with --source.
KNOWN_NOTICES = {
    2024: ("国办发明电〔2023〕7号 国务院办公厅关于2024年部分节假日安排的通知", "2023-10-25"),
    2025: ("国办发明电〔2024〕12号 国务院办公厅关于2025年部分节假日安排的通知", "2024-11-12"),
    2026: ("国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知", "2025-11-04"),
}

# The festivals of a year, in calendar order, for a template to fill in.
TEMPLATE_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

MESSAGES = {
    "exists": {"zh": "日历中已有 {year} 年（第 {line} 行）；如需按包中数据重写，请加 --force",
               "en": "the calendar has {year} already (line {line}); add --force to write it again"},
    "no_years": {"zh": "日历文件中没有 years:", "en": "the calendar file has no years:"},
    "title": {"zh": "国务院办公厅关于{year}年部分节假日安排的通知",
              "en": "国务院办公厅关于{year}年部分节假日安排的通知"},
    "to_fill": {"zh": "（文号待填）", "en": "（文号待填）"},
    "note_package": {
        "zh": "以下 {year} 年安排取自 chinese-calendar 包：请与国务院办公厅通知逐日核对，在 source 中写明通知文号"
              "（如 国办发明电〔{previous}〕N号），再运行 hotline-check validate",
        "en": "{year} below comes from the chinese-calendar package: check it day by day against the State "
              "Council's notice, write the notice's number in source (e.g. 国办发明电〔{previous}〕N号), then run "
              "hotline-check validate"},
    "note_template": {
        "zh": "{year} 年模板：chinese-calendar 包（未安装或尚无 {year} 年）无法提供。请按国务院办公厅通知填写"
              "每个节日的放假起止日期和每个调休上班日，写明通知文号，删去下列各行的“# ”，再运行 hotline-check validate",
        "en": "template for {year}: the chinese-calendar package (not installed, or without {year}) cannot give it. "
              "Fill in each holiday period and each make-up workday from the State Council's notice, write the "
              "notice's number, remove the \"# \" of the lines below, then run hotline-check validate"},
}


@dataclass
class YearPlan:
    year: int
    holidays: list[tuple[str, date, date]] = field(default_factory=list)   # name, first, last day
    workdays: list[tuple[date, str]] = field(default_factory=list)         # make-up day, for which holiday


def day_runs(days: list[tuple[date, str]]) -> list[tuple[date, date, str]]:
    """(first, last, name) of each run of consecutive days of one holiday, in date order."""
    runs: list[list] = []
    for day, name in sorted(days):
        if runs and runs[-1][2] == name and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day, name])
    return [(first, last, name) for first, last, name in runs]


def package_has(year: int) -> bool:
    return package_year(year) is not None


def package_year(year: int) -> YearPlan | None:
    """The year as the chinese-calendar package states it; None without the package or the year."""
    try:
        from chinese_calendar import constants
    except ImportError:
        return None
    days = sorted((day, NAMES_ZH.get(str(name), str(name))) for day, name in constants.holidays.items()
                  if day.year == year)
    if not days:
        return None
    plan = YearPlan(year)
    runs: list[list] = []            # [first, last, names in order]
    for day, name in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
            if name not in runs[-1][2]:
                runs[-1][2].append(name)
        else:
            runs.append([day, day, [name]])
    plan.holidays = [("、".join(names), first, last) for first, last, names in runs]
    for day, name in sorted(constants.workdays.items()):
        if day.year == year and day.weekday() >= 5:
            plan.workdays.append((day, _period_for(plan.holidays, day, NAMES_ZH.get(str(name), str(name)))))
    return plan


def _period_for(holidays: list[tuple[str, date, date]], day: date, name: str) -> str:
    """The holiday period a make-up day is worked for: the nearest one that bears its name."""
    named = [period for period in holidays if name in period[0].split("、")] or holidays
    return min(named, key=lambda period: min(abs((day - period[1]).days), abs((day - period[2]).days)))[0]


def year_block(year: int, plan: YearPlan | None, indent: int, source: str | None = None,
               published: str | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The YAML text of one year under `years:` (keys indented by `indent`)."""
    pad, inner, item = " " * indent, " " * (indent + 2), " " * (indent + 4)
    title = say(MESSAGES, "title", lang, year=year)
    if plan is None:
        body = [f"{pad}{year}:", f"{inner}source: 国办发明电〔{year - 1}〕N号 {title}",
                f"{inner}published: {year - 1}-MM-DD", f"{inner}holidays:"]
        body += [f"{item}- {{name: {name}, from: {year}-MM-DD, to: {year}-MM-DD}}" for name in TEMPLATE_NAMES]
        body += [f"{inner}workdays:", f"{item}- {{date: {year}-MM-DD, for: 春节}}"]
        # Commented out: the calendar stays valid until the office fills the template in.
        lines = [f"{pad}# {say(MESSAGES, 'note_template', lang, year=year)}"]
        lines += [f"{line[:indent]}# {line[indent:]}" for line in body]
        return "\n".join(lines) + "\n"
    lines = []
    if not source:
        lines.append(f"{pad}# {say(MESSAGES, 'note_package', lang, year=year, previous=year - 1)}")
    lines.append(f"{pad}{year}:")
    lines.append(f"{inner}source: {source or title + say(MESSAGES, 'to_fill', lang)}")
    if published:
        lines.append(f"{inner}published: {published}")
    lines.append(f"{inner}holidays:")
    lines += [f"{item}- {{name: {name}, from: {first.isoformat()}, to: {last.isoformat()}}}"
              for name, first, last in plan.holidays]
    if plan.workdays:
        lines.append(f"{inner}workdays:")
        lines += [f"{item}- {{date: {day.isoformat()}, for: {name}}}" for day, name in plan.workdays]
    return "\n".join(lines) + "\n"


def add_year(text: str, year: int, source: str | None = None, published: str | None = None,
             force: bool = False, file: str = "", lang: str = DEFAULT_LANGUAGE) -> tuple[str, bool]:
    """The calendar text with `year` added (from the package, else a template), and whether the
    package gave it. The rest of the text, comments included, is kept as it is."""
    years = _years_node(text, file, lang)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    keys = [(int(key.value), key.start_mark.line) for key, _ in years.value if str(key.value).isdigit()]
    indent = years.value[0][0].start_mark.column if years.value else 2
    existing = next((line for key, line in keys if key == year), None)
    if existing is not None and not force:
        raise CheckerError(say(MESSAGES, "exists", lang, year=year, line=existing + 1), file=file,
                           line=existing + 1)
    if existing is not None:       # written again: keep the citation the office wrote
        block_data = next((value for key, value in years.value if str(key.value) == str(year)), None)
        stated = {key.value: value.value for key, value in getattr(block_data, "value", [])
                  if isinstance(value, yaml.ScalarNode)}
        source = source or stated.get("source")
        published = published or stated.get("published")
    if not source and year in KNOWN_NOTICES:
        source, published = KNOWN_NOTICES[year][0], published or KNOWN_NOTICES[year][1]
    later = [line for key, line in keys if key > year]
    end = _block_end(years, lines)
    plan = package_year(year)
    block = year_block(year, plan, indent, source, published, lang)
    if existing is not None:
        stop = min(later) if later else end
        lines[existing:stop] = [block]
    else:
        at = min(later) if later else end
        lines[at:at] = [block]
    return "".join(lines), plan is not None


def _years_node(text: str, file: str, lang: str) -> yaml.MappingNode:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CheckerError(str(error), file=file, line=mark.line + 1 if mark else None) from None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "years" and isinstance(value, yaml.MappingNode):
                return value
    raise CheckerError(say(MESSAGES, "no_years", lang), file=file)


def _block_end(years: yaml.MappingNode, lines: list[str]) -> int:
    """The line after the last content line of the years block (trailing blank lines and
    comments after it belong to what follows)."""
    last = years.end_mark.line if years.end_mark.column else years.end_mark.line - 1
    last = min(last, len(lines) - 1)
    while last > 0 and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    return last + 1


def citation_missing(source) -> bool:
    return not isinstance(source, str) or not DOCUMENT_NUMBER.search(source)


def contradictions(year: int, holidays: set[date], makeup: set[date]) -> tuple[list[date], list[date]] | None:
    """Days where the calendar and the package disagree: (holidays, make-up days), each the
    symmetric difference; None when the package does not know the year."""
    plan = package_year(year)
    if plan is None:
        return None
    package_holidays = {date.fromordinal(o) for _, first, last in plan.holidays
                        for o in range(first.toordinal(), last.toordinal() + 1)}
    package_makeup = {day for day, _ in plan.workdays}
    return sorted(holidays ^ package_holidays), sorted(makeup ^ package_makeup)


def target_calendar(calendar_path: str | None, configured: Path | None, rules_calendar: Path | None) -> Path:
    """The calendar file `add-year` writes: --calendar, else the configured one, else the rule
    set's own — never the copy inside an installed package (an office writes its own copy)."""
    if calendar_path:
        return Path(calendar_path)
    if configured is not None:
        return configured
    if "_data" in Path(rules_calendar).resolve().parts:
        raise CheckerError("已安装的日历不能修改：请先 hotline-check init 建立工作目录，或用 --calendar 指定日历文件 / "
                           "the installed calendar is not to be edited: run hotline-check init first, "
                           "or name the file with --calendar", file=str(rules_calendar))
    return Path(rules_calendar)


FILE_MESSAGES = {
    "written_package": {
        "zh": "已将 {year} 年的放假和调休安排（取自 chinese-calendar 包）写入 {file}。\n"
              "下一步：hotline-check calendar show {year}，与国务院办公厅通知逐日核对；{cite}"
              "然后 hotline-check validate。",
        "en": "{year}'s holidays and make-up workdays (from the chinese-calendar package) written to {file}.\n"
              "Next: hotline-check calendar show {year}, and compare it day by day with the State Council's "
              "notice; {cite}then hotline-check validate."},
    "cite": {"zh": "在 source 中写明通知文号（validate 在此之前不会通过）；",
             "en": "write the notice's number in source (validate fails until then); "},
    "written_template": {
        "zh": "chinese-calendar 包{why}，已在 {file} 写入 {year} 年的模板（注释形式，日历仍可使用）。\n"
              "下一步：按国务院办公厅通知填写并去掉注释，然后 hotline-check validate 和 hotline-check calendar show {year}。",
        "en": "the chinese-calendar package {why}: a template for {year} was written to {file} (commented out, "
              "the calendar stays usable).\nNext: fill it in from the State Council's notice and uncomment it, "
              "then hotline-check validate and hotline-check calendar show {year}."},
    "not_installed": {"zh": "未安装（pip install \"hotline-check[calendar]\"）", "en": "is not installed (pip install \"hotline-check[calendar]\")"},
    "no_year": {"zh": "中还没有 {year} 年", "en": "does not have {year} yet"},
    "unreadable": {"zh": "无法读取：{reason}", "en": "cannot read: {reason}"},
}


def add_year_to_file(path: str | Path, year: int, source: str | None = None, published: str | None = None,
                     force: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
    """Write `year` into the calendar file in one step (the file is never left half written);
    the text telling the user what was written and what next."""
    from checker.cli.output_target import write_file_atomically
    from checker.resources import shown_path
    shown = shown_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CheckerError(say(FILE_MESSAGES, "unreadable", lang, reason=getattr(error, "strerror", None) or error),
                           file=shown) from None
    new_text, from_package = add_year(text, year, source, published, force, shown, lang)
    write_file_atomically(new_text.encode("utf-8"), str(path), lang)
    if from_package:
        cite = "" if source and not citation_missing(source) else say(FILE_MESSAGES, "cite", lang)
        return say(FILE_MESSAGES, "written_package", lang, year=year, file=shown, cite=cite) + "\n"
    try:
        import chinese_calendar  # noqa: F401
        why = say(FILE_MESSAGES, "no_year", lang, year=year)
    except ImportError:
        why = say(FILE_MESSAGES, "not_installed", lang)
    return say(FILE_MESSAGES, "written_template", lang, year=year, file=shown, why=why) + "\n"
