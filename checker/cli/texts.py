"""What the command line itself says in Chinese: the help of every command and option, and
click's own messages (usage errors, the help page's headings).

The English help stays where click expects it, in each command's docstring and `help=`;
this catalogue holds the Chinese, keyed by command path and option. click's messages are
gettext message ids; no Chinese translation ships with click, so the translations are here.
"""

from __future__ import annotations

# Command path ("" is the program itself) -> its help in Chinese.
COMMANDS: dict[str, str] = {
    "": "南郑“5412345”热线工单合规检查（南政办发〔2024〕4号）。\n\n"
        "在命令后加 -h 查看该命令的说明；加 --lang en 或设置环境变量 HOTLINE_CHECK_LANG=en 以英文显示。",
    "init": "建立本办公室的工作目录：复制所带的规则集及其测试用例、工作日历、映射文件，并写出配置文件 "
            "hotline-check.yaml。此后在该目录及其子目录中运行的命令都使用这些文件。\n\n"
            "DIR：工作目录（默认：当前目录）",
    "validate": "校验规则文件（结构与含义）。\n\n"
                "PATH：文件或目录，目录中查找 *.yaml / *.yml（默认：工作目录配置及其列出的规则文件；"
                "无配置时为所带的 rules/）。\n\n"
                "规则集中要显示的文字（解释说明、提示语、考核指标名称等）缺少中文，或在使用 --lang en、"
                "规则集声明 languages: [zh, en] 时缺少英文的，给出警告。"
                "全部有效时退出码为 0，否则为 2（加 --strict 时有警告也为 2）。",
    "calendar": "工作日历、领导接听日和期限计算。",
    "calendar workdays": "列出一年的全部工作日。",
    "calendar leader-days": "列出一个周期的领导接听日。",
    "calendar due": "计算在 --from 时刻派发的工单的反馈期限。",
    "calendar show": "列出一年的放假和调休上班安排，供与国务院办公厅通知逐日核对。",
    "calendar add-year": "把一年的放假和调休上班安排写入日历文件：有 chinese-calendar 包且包中有该年时取自该包，"
                         "否则写入待按国务院办公厅通知填写的模板。文件中原有的注释保持不变。",
    "audit": "审计工单日志：逐条列出违反规则的情况及所违反的条款。日志可以是一个或多个文件"
             "（CSV、JSON Lines、XLSX、Parquet），也可以是存放各部分文件的文件夹。\n\n"
             "退出码：0 未发现违规，1 发现违规，2 输入无法读取或规则无效。",
    "explain": "解释单张工单：时间线、适用的每条规则、每个期限及其计算方法。",
    "report": "月度通报：各单位回复率、解决率、满意率及排名，重点工单，超期工单（负面清单），"
              "领导接听日到场情况，口径说明。\n\n退出码：0 已生成，2 输入无法读取或规则无效。",
    "remind": "提醒督促清单（第3.2条）：某一时刻未及时响应、即将到期、已超时以及群众不满意未退回重办的工单，按单位列出。\n\n"
              "退出码：0 无需提醒，1 有需要提醒的工单，2 输入无法读取或规则无效。",
    "test": "运行规则集自带的测试用例。\n\n"
            "RULESET：规则集（运行其旁边的 NAME.tests.yaml）或测试文件本身（默认：工作目录配置中的测试，"
            "否则为所带的 nanzheng-2024 规则集）；也可为存放各版本规则集的文件夹（运行每个版本的测试文件）。全部通过时退出码为 0，有用例失败为 1，文件有误为 2。",
    "serve": "网页工作台：上传导出文件、确认映射，查看审计结果、单张工单的解释、月度通报、提醒督促清单和现行规则。\n\n"
             "上传的文件存放在临时文件夹中，服务停止时删除。",
    "mapping": "映射文件：让本工具读懂某个平台的导出格式。",
    "mapping init": "根据导出文件（CSV 或 XLSX）生成带注释的映射文件。\n\n"
                    "跳过标题行和“导出时间”等行找到表头，按 rules/header-synonyms.yaml 中的表头写法识别各列，"
                    "判断是每个事件一行（长表）还是每张工单一行（宽表），并列出需要核对的取值、单位和诉求类别。"
                    "生成的文件可通过 validate 校验，供 audit --mapping 使用。",
    "diff": "对比两个规则集，逐条、逐项列出变化（含工作日历的放假和调休上班日）；加 --log 时再列出改动对该日志的影响。\n\n"
            "NEW 默认为工作目录配置中的规则集，因此 `diff OLD` 显示本办公室所做的修改；存放各版本的文件夹按其最新版本对比"
            "（--log 时按各版本审计）。两个文件都先经过校验。"
            "相同时退出码为 0，不同为 1，文件缺失或无效为 2。",
}

# Option -> its help in Chinese; "command --option" overrides the option's common text.
OPTIONS: dict[str, str] = {
    "--version": "显示版本号并退出。",
    "--help": "显示本说明并退出。",
    "--lang": "输出语言：zh（中文，默认）或 en（英文）；也可设置环境变量 HOTLINE_CHECK_LANG。",
    "--config": "工作目录配置文件（默认：从当前目录向上查找 hotline-check.yaml，或环境变量 HOTLINE_CHECK_CONFIG）。",
    "--rules": "规则集文件，或存放各版本规则集的目录（默认：工作目录配置 hotline-check.yaml 中的规则集，否则为所带的 nanzheng-2024.yaml）。",
    "--mapping": "适配某平台导出格式的映射文件（rules/mappings/*.yaml；默认：工作目录配置中的映射）。",
    "--as-of": "统计截至时刻（默认：日志中最晚的时间）：now（现在）、today（今天）、yesterday（昨日24时）、"
               "日期（当日24时，如 2024-05-20、5月20日）、“2024-05-20 10:00”或“2024年5月20日 10:00”。",
    "--from": "只看在该日及以后首次派单的工单（YYYY-MM-DD）。",
    "--to": "只看在该日及以前首次派单的工单（YYYY-MM-DD）。",
    "--leader-log": "领导接听日记录（CSV/XLSX：日期、单位、领导、是否到场），同时审计第2.2.2条。",
    "--unit": "只看该承办单位。",
    "--pending": "同时列出截至时刻尚未到期的期限（显示为“未到期”）。",
    "--format": "输出格式。",
    "--output": "写入该文件，而不是显示在屏幕上。",
    "--encoding": "CSV 输出的编码（默认 utf-8-sig；较旧的 Excel 用 gb18030）。",
    "--buckets": "把日志按工单分成 N 桶写入临时文件夹，每次核查两桶（两桶行数超过 HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS 时逐桶核查），内存占用有上限"
                 "（默认：日志超过 HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS 行时自动分桶；见 docs/scale.md）。",
    "--month": "通报的月份（YYYY-MM）：本月首次派单的工单（给出 --from/--to 时可省略，取 --to）。",
    "--force": "覆盖已存在的文件。",
    "--office": "本办公室的名称（默认：规则集中的办公室名称）。",
    "--doc-prefix": "本办公室发文字号（文号）的前缀。",
    "--year": "年份，如 2024。",
    "--calendar": "工作日历名称（cn-mainland）或文件（默认：配置中的日历，否则为规则集所用的日历）。",
    "--cycle": "周期的起始年份（2024 即 2024年4月至2025年3月）。",
    "--class": "时限类别：emergency（突发事件）、basic_living（基本生活保障）、other（其他），或其中文名称。",
    "--explain": "同时说明期限是如何计算的。",
    "audit --format": "table（屏幕表格）、json、csv、xlsx、parquet（供数据平台读取的二进制文件，用 -o 写出）、md（Markdown）、github（工作流注释）或 junit（XML）。",
    "report --format": "md（Markdown）、html（网页）、xlsx（Excel 工作簿）、docx（Word 文档）或 json。",
    "remind --format": "table（屏幕表格）、json、csv、xlsx、sms（每个单位一条短信）或 sms-csv"
                       "（短信平台导入文件：手机号码,短信内容；需要 --contacts）。",
    "--contacts": "承办单位联系人文件（CSV/XLSX：单位、联系人、手机），sms 和 sms-csv 据此写明发送对象（默认：配置中的 contacts）。",
    "remind --as-of": "清单的时刻：now（现在）、today（今天）、yesterday（昨日24时）、日期（当日24时）、"
                      "“2024-05-20 10:00”或“2024年5月20日 10:00”；此后的事件不计。",
    "validate --strict": "有警告（如要显示的文字缺少中文或英文）也视为不通过，退出码为 2。",
    "validate --format": "text（供人阅读）；json、github（工作流注释）或 junit（XML）供工具和持续集成使用。",
    "test --format": "text（供人阅读）；json、github（工作流注释）或 junit（XML）供工具和持续集成使用。",
    "diff --format": "text（供人阅读）、md（Markdown，用于报告）或 json（供工具使用）。",
    "serve --host": "监听的地址（默认 127.0.0.1，仅本机）。其他地址须设置密码：hotline-check.yaml 中的 web.password，或环境变量 HOTLINE_CHECK_WEB_TOKEN。",
    "serve --port": "监听的端口（默认 8000）。",
    "serve --workdir": "工作目录：确认的映射保存在其 mappings/ 中（默认：配置所在目录，否则为当前目录）。",
    "serve --max-upload-mb": "一次上传（所有文件合计）的最大大小，单位 MB（默认：hotline-check.yaml 中的 web.max_upload_mb，否则为 100）。",
    "mapping init --output": "把生成的映射写入该文件（默认：显示在屏幕上）。",
    "--sheet": "要读取的 XLSX 工作表（默认：第一个）。",
    "--months": "同时列出截至本月的近 N 个月（2-24）各单位三率和排名对比、小多图，以及本年累计。",
    "report --from": "代替 --months：从该月（YYYY-MM）起至通报月份逐月对比，如 --from 2024-01。",
    "report --to": "与 --from 同用：对比的最后一个月，即通报月份（此时可省略 --month），如 --to 2024-05。",
    "--by-unit": "改为写各单位的整改通知单：每个单位一页（md、html、docx）或一个工作表（xlsx），列出其三率及排名、超期工单、回访不满意工单，给出 --months 时还有其逐月对比。",
    "--doc-number": "docx：本年度的发文序号（接在配置 office.doc_prefix 之后组成文号）；不填则留空待手写。",
    "--cc": "docx：抄送单位，如“区委办公室、区政府办公室”。",
    "--template": "docx：本办公室自己的红头模板（默认：hotline-check.yaml 旁的 report-template.docx，如有）。",
    "calendar due --from": "起算时刻，如“2024-09-30 10:00”。",
    "calendar due --rule": "期限规则的编号（默认：规则集中唯一按时限类别定期限的规则，南郑规则集为 feedback-deadline）。",
    "diff --log": "在新旧两个规则集下分别审计该日志：列出新增或消失的问题（按工单），以及按单位变化的三率和名次（可重复）。",
    "calendar add-year --calendar": "要写入的日历文件（默认：工作目录配置中的日历，否则为规则集所用的日历）。",
    "calendar add-year --source": "通知的文号和标题，如“国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知”。",
    "calendar add-year --published": "通知的发布日期（YYYY-MM-DD）。",
    "calendar add-year --force": "日历中已有该年时重新写入（保留原有的 source 和 published）。",
    "calendar show --calendar": "日历名称或文件（默认：工作目录配置中的日历，否则为规则集所用的日历）。",
}

# click's message ids -> Chinese. Placeholders are click's own.
CLICK: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本说明并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "deprecated": "已弃用",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "输入“{command} {option}”查看说明。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing {param_type} {param_hint}.": "缺少{param_type} {param_hint}。",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录，不是文件。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是/否值。可用：{states}",
    "Aborted!": "已中止。",
    "unknown error": "未知错误",
}

# click's plural message ids: (singular, plural) -> Chinese (one form).
CLICK_PLURAL: dict[tuple[str, str], str] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        "多余的参数（{args}）",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        "（是否想输入：{possibilities}？）",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        "{value!r} 不是可用的值；可用：{choices}。",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "选项 {name!r} 需要一个值。",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        "{value!r} 不符合格式 {formats}。",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "需要 {nargs} 个值，实际给出 {len} 个。",
}
