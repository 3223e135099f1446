"""Rules of records in general, data files, formats and metrics (数据与指标)."""

from __future__ import annotations

from neighborhood_pb.errors.severity import Severity
from neighborhood_pb.errors.source import LIBRARY_DEFAULT, Source
from neighborhood_pb.errors.spec import RuleSpec

__all__ = ["SPECS"]

_FINDINGS = (
    RuleSpec(
        code="metric.below_target",
        source=Source(
            cited="指标目标值",
            note_zh="以各指标自身的依据为准",
            note_en="each metric's own source applies",
        ),
        severity=Severity.WARNING,
        params={"metric", "value", "target"},
        zh="{subject}：{metric}{value}，低于目标{target}",
        en="{subject}: {metric} {value} is below the target {target}",
    ),
    RuleSpec(
        code="metric.report_rate.unplaced",
        source=Source(
            cited="永春县: 在职党员报到率100%",
            note_zh="无党员在不知不觉中被排除出分母",
            note_en="no member falls out of the denominator unseen",
            library_default=True,
        ),
        severity=Severity.WARNING,
        params={"scope"},
        zh="{subject}：在职党员当日无有效住户记录，无法归入所住社区，只计入{scope}的报到率",
        en="{subject}: an in-service member with no household record in effect on the day "
        "cannot be placed where they live; counted in the report rate of {scope} only",
    ),
    RuleSpec(
        code="report.document",
        source=LIBRARY_DEFAULT,
        params={"key"},
        zh="报告文档缺少字段“{key}”",
        en="the report document lacks the field {key}",
    ),
    RuleSpec(
        code="structure",
        source=LIBRARY_DEFAULT,
        params={"path", "detail"},
        zh="数据无法转换为记录：{path}：{detail}",
        en="{path}: {detail}",
    ),
    RuleSpec(
        code="structure.more",
        source=LIBRARY_DEFAULT,
        params={"path", "detail", "more"},
        zh="数据无法转换为记录：{path}：{detail}（另有{more}处问题）",
        en="{path}: {detail} (and {more} more)",
    ),
    RuleSpec(
        code="dataset.format",
        source=LIBRARY_DEFAULT,
        params={"found", "expected"},
        zh="不是本库的数据文件（`format`为`{found}`，应为`{expected}`）",
        en="not a neighborhood_pb dataset (format {found}; expected {expected})",
        brief_zh="数据文件格式不符",
        brief_en="the dataset's format does not fit",
    ),
    RuleSpec(
        code="dataset.version",
        source=LIBRARY_DEFAULT,
        params={"version", "newest"},
        zh="本库不读取格式版本{version}（读取1至{newest}版），更新的neighborhood_pb或可读取",
        en="format version {version} is not one this library reads (1 to {newest})",
        brief_zh="数据文件版本不受支持",
        brief_en="the dataset's version is not supported",
    ),
    RuleSpec(
        code="json.syntax",
        source=LIBRARY_DEFAULT,
        params={"line", "column"},
        zh="不是JSON：第{line}行第{column}列有误",
        en="not JSON (line {line}, column {column})",
    ),
    RuleSpec(
        code="json.repeated_key",
        source=LIBRARY_DEFAULT,
        params={"key"},
        zh="同一对象中键`{key}`出现了两次",
        en="the key {key} appears twice in one object",
    ),
    RuleSpec(
        code="json.long_integer",
        source=LIBRARY_DEFAULT,
        params={"digits", "allowed"},
        zh="整数有{digits}位，超过允许的{allowed}位",
        en="an integer of {digits} digits is longer than the {allowed} allowed",
    ),
    RuleSpec(
        code="json.constant",
        source=LIBRARY_DEFAULT,
        params={"name"},
        zh="{name}不是JSON数值",
        en="{name} is not a JSON number",
    ),
    RuleSpec(
        code="text.utf8",
        source=LIBRARY_DEFAULT,
        params={"offset"},
        zh="不是UTF-8文本（第{offset}字节处无法解码）",
        en="not UTF-8 text (offset {offset})",
    ),
    RuleSpec(
        code="json.type",
        source=LIBRARY_DEFAULT,
        params={"expected", "got", "expected_zh", "got_zh"},
        zh="应为{expected_zh}，实为{got_zh}",
        en="expected {expected}, got {got}",
        brief_zh="JSON取值类型不符",
        brief_en="the JSON value has the wrong type",
    ),
    RuleSpec(
        code="json.enum",
        source=LIBRARY_DEFAULT,
        params={"value", "kind", "allowed"},
        zh="`{value}`不是`{kind}`的取值（可选：`{allowed}`）",
        en="{value} is not a valid {kind} (expected one of: {allowed})",
    ),
    RuleSpec(
        code="json.required",
        source=LIBRARY_DEFAULT,
        params={"field"},
        zh="缺少必填字段`{field}`",
        en="required field {field} is missing",
    ),
    RuleSpec(
        code="json.unique_items",
        source=LIBRARY_DEFAULT,
        params={"value"},
        zh="集合中`{value}`出现了两次（集合中的取值不得重复）",
        en="{value} appears twice in a set",
    ),
    RuleSpec(
        code="json.unknown_field",
        source=LIBRARY_DEFAULT,
        params={"field", "record", "known"},
        zh="`{record}`没有字段`{field}`（其字段：`{known}`）",
        en="unknown field {field} in {record} (its fields: {known})",
    ),
    RuleSpec(
        code="record.non_negative",
        source=LIBRARY_DEFAULT,
        params={"field", "value", "low"},
        zh="`{field}`须为不小于0的整数（实为`{value}`）",
        en="{field} must not be negative (got {value})",
        brief_zh="数值不得为负",
        brief_en="the number is not negative",
    ),
    RuleSpec(
        code="record.positive",
        source=LIBRARY_DEFAULT,
        params={"field", "value", "low"},
        zh="`{field}`须为不小于{low}的整数（实为`{value}`）",
        en="{field} must be at least {low} (got {value})",
        brief_zh="数值须为正数",
        brief_en="the number is positive",
    ),
    RuleSpec(
        code="record.range",
        source=LIBRARY_DEFAULT,
        params={"field", "value", "low", "high"},
        zh="`{field}`须为{low}至{high}之间的整数（实为`{value}`）",
        en="{field} must be a whole number {low}–{high} (got {value})",
        brief_zh="数值超出允许范围",
        brief_en="the number lies in its allowed range",
    ),
    RuleSpec(
        code="record.non_empty",
        source=LIBRARY_DEFAULT,
        params={"field"},
        zh="`{field}`不能为空",
        en="{field} must not be empty",
    ),
)

_ERRORS = {
    "dataset.masked": (
        "脱敏数据不得作为完整数据写出",
        "a masked dataset is not written as complete",
    ),
    "dataset.schema": ("数据文件的层级方案不明", "the dataset's schema is unknown"),
    "dataset.title": ("数据文件须有标题", "a dataset has a title"),
    "finding.code": ("检查结果代码未登记", "the finding's code is not registered"),
    "finding.params": (
        "检查结果的参数须为文本、数字或日期",
        "parameters are text, numbers or dates",
    ),
    "ical.text": ("日历文本不符合iCalendar格式", "the text is not iCalendar"),
    "ical.uid": ("日历事件须有UID", "an event has a UID"),
    "ical.unique_uid": ("日历事件的UID不得重复", "event UIDs are unique"),
    "history.empty": ("记录至少须有一个版本", "a versioned record has at least one version"),
    "id.unique": ("编号不得重复", "ids are unique"),
    "json.depth": ("JSON嵌套过深", "the JSON is nested too deeply"),
    "json.text": ("文本含无法保存的字符", "the text holds a character no file can keep"),
    "metrics.level": (
        "只有网格和小区是可选的汇总层级",
        "only grid and compound are optional roll-up levels",
    ),
    "metrics.pass": (
        "该指标没有计算程序",
        "every metric of the catalogue has a pass to compute it",
    ),
    "ratio.non_negative": ("比例的分子分母不得为负", "a ratio is not negative"),
    "ratio.part_of_whole": ("部分不得大于整体", "a part does not exceed its whole"),
    "reference.exists": ("引用的记录不存在", "the record referred to does not exist"),
    "registry.language": ("不支持该语言", "the language is not supported"),
    "registry.note": (
        "规则依据的注释须同时有中文和英文",
        "a note on a rule's source is given in zh and in en",
    ),
    "registry.source": (
        "规则依据须有引文、注释或标明为本库默认，本库默认不写在引文里",
        "a rule's source cites something, carries a note or is a library default, and a "
        "citation does not say library default",
    ),
    "registry.template": ("规则模板不完整", "the rule's template is incomplete"),
    "registry.unique": ("规则代码不得重复登记", "a rule code is registered once"),
    "report.compare": ("比较的两份报告须有先后", "the reports compared are in order"),
}

SPECS: tuple[RuleSpec, ...] = (
    *_FINDINGS,
    *(
        RuleSpec(code=code, source=LIBRARY_DEFAULT, zh=zh, en=en)
        for code, (zh, en) in _ERRORS.items()
    ),
)
"""The data and metric rules."""
