"""PyYAML's and libyaml's syntax messages in Chinese.

A broken rule file is answered with its line and column and what is wrong there. The YAML
parsers say it in English (`did not find expected key`, `while parsing a block mapping`);
the problems and contexts they use are a small fixed set, translated here. A message not in
the set is shown as the parser wrote it.
"""

from __future__ import annotations

import re

PROBLEMS = {
    "mapping values are not allowed in this context":
        "此处不能出现“键: 值”（冒号后的值里又有“: ”时请加引号，或检查缩进）",
    "mapping values are not allowed here":
        "此处不能出现“键: 值”（冒号后的值里又有“: ”时请加引号，或检查缩进）",
    "did not find expected key": "缺少应有的键（通常是缩进不一致）",
    "did not find expected ',' or ']'": "列表 […] 缺少逗号或右方括号“]”",
    "did not find expected ',' or '}'": "映射 {…} 缺少逗号或右花括号“}”",
    "expected ',' or ']', but got": "列表 […] 缺少逗号或右方括号“]”",
    "expected ',' or '}', but got": "映射 {…} 缺少逗号或右花括号“}”",
    "found unexpected end of stream": "文件在引号闭合之前结束（缺少右引号）",
    "found unknown escape character": "双引号文字中有无法识别的转义符（反斜杠 \\）",
    "found character that cannot start any token":
        "出现不能作为开头的字符（如制表符 Tab、@ 或 `；缩进请用空格，含这些字符的文字请加引号）",
    "found character '\\t' that cannot start any token":
        "出现制表符 Tab（缩进请用空格）",
    "did not find expected '-' indicator": "列表项应以“- ”开头（通常是缩进不一致）",
    "did not find expected alphabetic or numeric character": "锚点或别名（& 或 *）后缺少名称",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected node content": "缺少值",
    "did not find expected <document start>": "缺少文档开始标记",
    "found a tab character that violates indentation": "缩进中有制表符 Tab（缩进请用空格）",
    "found a tab character where an indentation space is expected": "缩进中有制表符 Tab（缩进请用空格）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“- ”（检查缩进）",
    "found undefined tag handle": "未定义的标签",
    "found duplicate anchor": "锚点名称重复",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<block sequence start>'": "缩进不一致",
    "expected a single document in the stream": "文件只能包含一个 YAML 文档",
    "control characters are not allowed": "文件中有不允许的控制字符",
}

CONTEXTS = {
    "while parsing a block mapping": "解析映射时",
    "while parsing a flow mapping": "解析 {…} 映射时",
    "while parsing a block collection": "解析列表时",
    "while parsing a flow sequence": "解析 […] 列表时",
    "while scanning a quoted scalar": "读取引号中的文字时",
    "while parsing a quoted scalar": "读取引号中的文字时",
    "while scanning a plain scalar": "读取文字时",
    "while scanning for the next token": "读取下一项时",
    "while scanning a simple key": "读取键时",
    "while scanning an anchor": "读取锚点时",
    "while scanning an alias": "读取别名时",
    "while scanning a block scalar": "读取多行文字（| 或 >）时",
    "while parsing a node": "读取值时",
    "while scanning a tag": "读取标签时",
    "while parsing a block node": "读取值时",
    "while parsing a flow node": "读取值时",
    "while constructing a mapping": "构造映射时",
}


def _problem(problem: str) -> str:
    text = problem.strip()
    if text in PROBLEMS:
        return PROBLEMS[text]
    for english, chinese in PROBLEMS.items():       # PyYAML appends what it found: "…, but found '-'"
        if text.startswith(english):
            return chinese
    found = re.match(r"expected (.+), but found (.+)", text)
    if found:
        return f"此处应为 {found.group(1)}，实际为 {found.group(2)}"
    return text


def problem_text(problem: str, context: str | None, context_line: int | None, lang: str) -> str:
    """The parser's problem, and where the construct it was reading began."""
    if lang != "zh":
        started = f" started on line {context_line}" if context_line else ""
        return f"{problem} ({context}{started})" if context else problem
    chinese = _problem(problem)
    if not context:
        return chinese
    where = CONTEXTS.get(context.strip(), context)
    started = f"（第 {context_line} 行开始）" if context_line else ""
    return f"{where}{started}：{chinese}"
