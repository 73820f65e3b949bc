package tomldoc

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate). Each says
// what to type, with the key as the editor typed it. Most decoder
// sentences end in the character the decoder stopped at ('年', '\n').
func init() {
	diag.Translate(map[string]string{
		"the end of the line": "行尾",
		"the end of the file": "文件末尾",
		"%s: type the number in digits 0-9, without quotes: %s = 5, not %s (text, such as a name, goes between double quotes)": "%s：数字请用阿拉伯数字 0-9 书写，不加引号：写成 %s = 5 这样，不要写 %s（名称等文字才放在双引号里）",
		"%q is not a date or time: write it as 2024-03-01, or 2024-03-01 09:30":                                                "%q 不是日期或时间：请写成 2024-03-01，或 2024-03-01 09:30",
		// Kinds of values (diag.Phrase), as wanted and as found.
		"a string":                "文字（用英文双引号括起来）",
		"a whole number":          "整数",
		"a decimal number":        "小数",
		"a number":                "数字（不加引号）",
		"true or false":           " true 或 false（小写，不加引号）",
		"a date":                  "日期（如 2022-02-20，不加引号）",
		"a list":                  "列表",
		"a table":                 "表（[名称] 开头的一组设置）",
		"a list of tables":        "多个表（[[名称]] 开头，可重复）",
		"a list of strings":       "文字列表，如 [\"甲\", \"乙\"]",
		"a list of whole numbers": "整数列表，如 [2020, 2021]",
		"a value of another kind": "其他类型的值",

		"%s: want %s, have %s":                     "%s 应为%s，现在写的是%s，请改正",
		"%s: want %s, have %s in it":               "%s 应为%s，其中有一项是%s，请改正",
		"%s: want a list of tables, have %s in it": "%s 应为多个表，其中有一项是%s，请改正",
		"%s: %q is not a date: a document valid without end leaves %s out (its 有效性 then reads 有效)":                     "%s：%q 不是日期：长期有效的文件不要写 %s 这一行（有效性会显示为“有效”）",
		"%s: %q is not a date: write the date as 2022-02-20 (with a time: 2022-02-20T09:00:00)":                        "%s 的值 %q 不是日期：日期请写成 2022-02-20（带时间的写成 2022-02-20T09:00:00）",
		"%s: a number is written without quotes: %s = %s":                                                              "%s：数字不要加引号，请去掉引号，写成 %s = %s",
		"%s: type numbers in half-width digits 0-9, without a unit or commas: %s = %s":                                 "%s：数字请用英文输入法输入半角数字 0-9，不带单位和千位逗号，写成 %s = %s",
		"%s: type numbers in half-width digits 0-9, without a unit (a dataset's unit is its [[metric]] unit): %s = %s": "%s：数字请用英文输入法输入半角数字 0-9，不带单位和千位逗号（数据集的单位写在 [[metric]] 的 unit 里），写成 %s = %s",
		"%s: write the date as 2022-02-20":                                                                             "%s：日期请写成 2022-02-20（年-月-日，月和日不足两位的前面补 0，不加引号）",
		"%s: put text between straight double quotes \", not “ ”":                                                      "%s：文字请用英文输入法下的双引号 \" 括起来，不要用中文引号 “ ”",
		"%s: write true or false, in small letters and without quotes: %s = true (是) or %s = false (否)":                "%s：请写 true 或 false（小写英文，不加引号）：%s = true 表示“是”，%s = false 表示“否”",
		"%s: the text has no closing double quote: %s = \"%s\"":                                                        "%s：文字的后面缺少英文双引号，写成 %s = \"%s\"",
		"%s: the text has no opening double quote: %s = \"%s\"":                                                        "%s：文字的前面缺少英文双引号，写成 %s = \"%s\"",
		"%s: put text between double quotes: %s = \"%s\"":                                                              "%s：文字要用英文双引号括起来，写成 %s = \"%s\"",

		"unknown key %q (did you mean %q?)": "没有 %q 这一项（是不是想写 %q？）",
		"unknown key %q (want %s)":          "没有 %q 这一项（这里可以写：%s）",
		"unknown key %q":                    "没有 %q 这一项，请检查拼写或删去",

		"not UTF-8 text but UTF-16 (what Notepad calls Unicode): save the file as UTF-8": "文件不是 UTF-8 编码，而是 UTF-16（记事本里叫“Unicode”）：请用编辑器“另存为”UTF-8 编码",
		"not UTF-8 text: save the file as UTF-8 (it may be in GBK)":                      "文件不是 UTF-8 编码（可能是 GBK）：请用编辑器“另存为”UTF-8 编码",

		// The decoder's sentences (syntax.go).
		"invalid TOML: %s": "TOML 格式有误（%s）：请检查这一行的引号、括号、逗号和等号",
		"invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got %s instead": "TOML 格式有误：值的后面多了 %s。一行只写一项“键 = 值”，文字要用英文双引号括起来，说明写在 # 后面",
		"invalid TOML: expected value but found %s instead":                                                  "TOML 格式有误：等号后面应是一个值，这里却是 %s。文字要用英文双引号括起来，数字和日期直接写",
		"invalid TOML: unexpected EOF; expected value":                                                       "TOML 格式有误：等号后面缺少值",
		"invalid TOML: unexpected EOF; expected key separator '='":                                           "TOML 格式有误：文件在键名后面结束了，缺少等号 = 和值",
		"invalid TOML: unexpected EOF; expected %s":                                                          "TOML 格式有误：文件结束了，还缺少 %s，请补上",
		"invalid TOML: unexpected EOF":                                                                       "TOML 格式有误：文件意外结束，请检查最后几行",
		"invalid TOML: expected '.' or ']' to end table name, but got %s instead":                            "TOML 格式有误：表名缺少右方括号 ]，如 [organization]；这里是 %s",
		"invalid TOML: expected end of table array name delimiter ']', but got %s instead":                   "TOML 格式有误：表名缺少右方括号 ]]，如 [[attachment]]；这里是 %s",
		"invalid TOML: unexpected %s (table names cannot be empty)":                                          "TOML 格式有误：方括号 [ ] 里的表名不能为空（%s）",
		"invalid TOML: expected '.' or '=', but got %s instead":                                              "TOML 格式有误：键名后面应是等号 =，这里是 %s。键名只用英文字母、数字、_ 和 -，中文内容写在等号后面的英文双引号里",
		"invalid TOML: unexpected '=': key name appears blank":                                               "TOML 格式有误：等号前面缺少键名",
		"invalid TOML: unexpected comma":                                                                     "TOML 格式有误：多了一个逗号，请删去",
		"invalid TOML: expected a comma (',') or array terminator (']'), but got %s":                         "TOML 格式有误：列表 [ ] 中各项之间用英文逗号分隔，最后以 ] 结尾；这里是 %s",
		"invalid TOML: expected a comma or an inline table terminator '}', but got %s instead":               "TOML 格式有误：{ } 中各项之间用英文逗号分隔，最后以 } 结尾；这里是 %s",
		"invalid TOML: newlines not allowed within inline tables":                                            "TOML 格式有误：{ } 里的内容要写在同一行",
		"invalid TOML: strings cannot contain newlines":                                                      "TOML 格式有误：文字缺少结尾的英文双引号 \"（一对引号要在同一行）",
		"invalid TOML: invalid escape in string %s":                                                          "TOML 格式有误：文字中的反斜杠 \\ 要写成两个（\\\\），%s 无效",
		"invalid TOML: key %s has already been defined":                                                      "TOML 格式有误：%s 写了两次，请删去或合并其中一处",
		"invalid TOML: key %s was already created as a hash":                                                 "TOML 格式有误：%s 写了两次，请删去或合并其中一处",
		"invalid TOML: key %s was already created and cannot be used as an array":                            "TOML 格式有误：%s 已作为 [表名] 写过，不能再写成 [[表名]]",
		"invalid TOML: invalid datetime: %s":                                                                 "TOML 格式有误：%s 不是有效的日期或时间。日期请写成 2022-02-20，时间写成 2022-02-20T09:00:00，并核对月、日是否存在",
		"invalid TOML: invalid float value: %s":                                                              "TOML 格式有误：%s 不是有效的数字；日期请写成 2022-02-20",
		"invalid TOML: invalid float %s: %s":                                                                 "TOML 格式有误：%s 不是有效的数字（%s）",
		"invalid TOML: invalid float: %s":                                                                    "TOML 格式有误：%s 不是有效的数字",
		"invalid TOML: expected a digit but got %s":                                                          "TOML 格式有误：数字中出现了 %s；请用英文输入法输入半角数字 0-9",
		"invalid TOML: %s is out of range for %s":                                                            "TOML 格式有误：数字 %s 太大（超出 %s 范围）",
		"invalid TOML: TOML files cannot contain control characters: %s":                                     "TOML 格式有误：文件中有不可见的控制字符 %s，请删去（常见于从其他软件复制的文字）",
		"invalid TOML: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8":     "TOML 格式有误：文件可能是 UTF-16 编码，请另存为 UTF-8 编码",
	})
}
