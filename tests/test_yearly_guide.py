"""docs/年度更新指南.md, followed as written: every `hotline-check` command of the guide is run in
a fresh working folder, in the guide's order, with the guide's own edits and test case."""

import re
import shlex
import textwrap
import shutil
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "年度更新指南.md"


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def guide_commands() -> list[str]:
    """The hotline-check lines of the guide's bash blocks, in order."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", guide_text(), re.S):
        commands += [line.strip() for line in block.splitlines() if line.strip().startswith("hotline-check ")]
    return commands


def guide_yaml_after(heading: str, index: int = 0) -> str:
    """A yaml block after a heading (or any words) of the guide, unindented."""
    text = guide_text()
    blocks = re.findall(r"```yaml\n(.*?)```", text[text.index(heading):], re.S)
    return textwrap.dedent(blocks[index]).strip() + "\n"


HEADER = "ticket_id,event,at,unit,actor,category\n"


def water_ticket(ticket: str, day: str) -> str:
    """A 停水 ticket answered 12 h 30 min after its dispatch: late from 2025 (12 h), in time before (24 h)."""
    rows = [(ticket, "dispatched", f"{day} 09:00", "汉山街道", "office", "停水"),
            (ticket, "head_notified", f"{day} 09:10", "", "office", ""),
            (ticket, "accepted", f"{day} 09:20", "", "汉山街道", ""),
            (ticket, "citizen_contacted", f"{day} 09:40", "", "汉山街道", ""),
            (ticket, "reminded", f"{day} 21:10", "", "office", ""),
            (ticket, "feedback", f"{day} 21:30", "", "汉山街道", "")]
    return "".join(",".join(row) + "\n" for row in rows)


# Made-up days of a made-up 2027 notice, as a clerk fills the template in (test data only).
FILLED = {"元旦": ("01-01", "01-03"), "春节": ("02-06", "02-13"), "清明节": ("04-03", "04-05"),
          "劳动节": ("05-01", "05-05"), "端午节": ("06-09", "06-11"), "中秋节": ("09-15", "09-17"),
          "国庆节": ("10-01", "10-07")}


def fill_template(calendar: Path) -> None:
    """第1步 by hand: the commented 2027 template uncommented, its number and days filled in."""
    lines = calendar.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(r"\s*# 2027:", line))
    end = next((i for i in range(start, len(lines)) if not lines[i].lstrip().startswith("#")), len(lines))
    block = "\n".join(re.sub(r"^(\s*)# ", r"\1", line) for line in lines[start:end])
    block = block.replace("N号", "12号").replace("2026-MM-DD", "2026-11-10")
    for name, (first, last) in FILLED.items():
        block = block.replace(f"{{name: {name}, from: 2027-MM-DD, to: 2027-MM-DD}}",
                              f"{{name: {name}, from: 2027-{first}, to: 2027-{last}}}")
    block = re.sub(r"\{date: 2027-MM-DD, for: ([^}]*)\}", r"{date: 2027-02-20, for: \1}", block)
    assert "MM-DD" not in block, block
    calendar.write_text("\n".join(lines[:start] + [block] + lines[end:]) + "\n", encoding="utf-8")


def test_the_guide_lists_its_commands_in_order():
    commands = guide_commands()
    assert commands[0] == "hotline-check init 热线规则"
    assert any(c.startswith("hotline-check calendar add-year ") for c in commands)
    assert any("--log" in c for c in commands)


def test_the_yearly_update_as_the_guide_writes_it(tmp_path, monkeypatch, run_cli):
    def available(*command: str) -> bool:
        status, _, _ = run_cli(*command, "--help")
        return status == 0

    monkeypatch.chdir(tmp_path)
    ran, missing = [], []

    def typed(command: str, *allowed: int) -> str:
        assert command in guide_commands(), command
        args = shlex.split(command)[1:]
        needs = args[:2] if args[0] == "calendar" else args[:1]
        if "--log" in args and not available("diff", "--log", "x"):
            missing.append(command)
            return ""
        if not available(*needs):
            missing.append(command)
            return ""
        status, out, err = run_cli(*args)
        assert status in (allowed or (0,)), f"{command}: {status}\n{out}{err}"
        ran.append(command)
        return out + err

    # 第0步
    typed("hotline-check init 热线规则")
    monkeypatch.chdir(tmp_path / "热线规则")
    # 第1步
    commands = guide_commands()
    if typed(next(c for c in commands if c.startswith("hotline-check calendar add-year "))):
        fill_template(Path("rules/calendars/cn-mainland.yaml"))
    typed("hotline-check calendar show 2027")
    # 第2步: the copy, and the three edits the guide shows
    shutil.copy("rules/nanzheng-2024.yaml", "rules/nanzheng-2025.yaml")
    old = Path("rules/nanzheng-2024.yaml")
    text = old.read_text(encoding="utf-8")
    assert "effective:\n  from: 2024-01-01\n" in text
    old.write_text(text.replace("effective:\n  from: 2024-01-01\n", guide_yaml_after("1. 旧文件"), 1),
                   encoding="utf-8")
    new = Path("rules/nanzheng-2025.yaml")
    text = new.read_text(encoding="utf-8")
    assert "        basic_living: {duration: PT24H, clock: elapsed}\n" in text
    text = text.replace("effective:\n  from: 2024-01-01\n", guide_yaml_after("2. 新文件"), 1)
    text = text.replace("basic_living: {duration: PT24H, clock: elapsed}",
                        guide_yaml_after("2. 新文件", 1).strip(), 1)
    new.write_text(text, encoding="utf-8")
    config = Path("hotline-check.yaml")
    config.write_text(re.sub(r"^rules: .*$", guide_yaml_after("3. 配置文件").strip(),
                             config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    # 第3步: the guide's test case, as written
    Path("rules/nanzheng-2025.tests.yaml").write_text(guide_yaml_after("## 第3步"), encoding="utf-8")
    # 第4步
    typed("hotline-check validate")
    assert "1 个通过，0 个失败" in typed("hotline-check test rules/nanzheng-2025.yaml")
    typed("hotline-check test rules/nanzheng-2024.yaml")
    # 第5步
    Path("导出").mkdir()
    Path("导出/2024-12.csv").write_text(HEADER + water_ticket("D1", "2024-12-09"), encoding="utf-8")
    Path("导出/2025-01.csv").write_text(HEADER + water_ticket("D1", "2024-12-09") + water_ticket("J1", "2025-01-06"),
                                      encoding="utf-8")
    out = typed("hotline-check diff rules/nanzheng-2024.yaml rules/nanzheng-2025.yaml", 1)
    assert "PT24H → PT12H" in out
    typed("hotline-check diff rules/nanzheng-2024.yaml rules/nanzheng-2025.yaml --log 导出/2024-12.csv", 0, 1)
    out = typed("hotline-check audit 导出/2025-01.csv", 1)
    assert "J1" in out and "D1" not in out, out
    typed("hotline-check report 导出/2025-01.csv --month 2025-01 --format xlsx -o 通报-2025-01.xlsx")
    assert Path("通报-2025-01.xlsx").stat().st_size > 0
    # 第7步
    typed("hotline-check validate --format github")
    typed("hotline-check test rules/nanzheng-2025.yaml --format junit")
    assert sorted(ran + missing) == sorted(guide_commands())
    if missing:
        pytest.skip("not yet available: " + "; ".join(missing))
