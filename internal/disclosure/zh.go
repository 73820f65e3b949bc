package disclosure

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"%s: want \"元\" or \"万元\", have %q":                                            "%s：单位应为 \"元\" 或 \"万元\"，现在是 %q",
		"%s: say its unit too, as the report prints it: unit = \"万元\" or unit = \"元\"": "%s：请同时写明金额单位，与年报所印一致：unit = \"万元\" 或 unit = \"元\"",
		"year is required":                           "缺少 year（年度）：请加一行，例如 year = 2021",
		"year: want a year such as 2021, have %d":    "year（年度）应是 2021 这样的年份，现在写的是 %d",
		"format: want \"2021\" or \"2019\", have %q": "format（表格格式）应为 \"2021\" 或 \"2019\"，现在写的是 %q",
		"table is required (want %s)":                "缺少 table（表格）：请写明放哪一张表，可以是 %s",
		"unknown disclosure table %q (want %s)":      "没有名为 %q 的年报表格，可以是 %s",
		"%s: a key of format %q, not of format %q":   "%s 是 %q 格式的项目，本年报是 %q 格式：请删去它，或改正 format",
		"%s: %v":                                     "%s：%v",
		"%s: %s is not a whole number":               "%s：%s 不是整数",
		"%s: %s is too large":                        "%s：%s 太大，请核对",
		"%s: %s is not an amount":                    "%s：%s 不是有效的金额",
		"%s: want %d numbers (%s), have %s":          "%s 应是 %d 个数字（%s），用英文方括号括起、逗号分隔，现在写的是%s",
		"%s: want %d numbers (%s), have %d":          "%s 应是 %d 个数字（%s），现在有 %d 个",
		"%s: column %s: %v":                          "%s 的“%s”一栏：%v",
		"%q: a number is written without quotes: %s": "%q：数字不要加引号，请写成 %s",
		"%q: type numbers in half-width digits 0-9, without a unit: %s": "%q：数字请用半角数字 0-9，不带单位，写成 %s",
		"want a whole number, have %s":                                  "应为整数，现在写的是%s",
		"%s is too large to be a count":                                 "%s 太大，不像是件数，请核对",
		"%s is not a count":                                             "%s 不是件数（应为 0 或正整数）",
		"applications: column %s: the rows of 三、本年度办理结果 add up to %d and 四、结转下年度继续办理 is %d, together %d, but 一、本年新收 + 二、上年结转 = %d + %d = %d (%s)": "“%s”一栏对不上：三、本年度办理结果各行合计 %d，四、结转下年度继续办理 %d，共 %d；但一、本年新收 + 二、上年结转 = %d + %d = %d（%s），请核对",
		"applications.carried_in: column %s: 上年结转 %d does not equal %d's 结转下年度继续办理 %d in %s":                                                      "“%s”一栏的上年结转 %d，与 %d 年年报（%[5]s）的结转下年度继续办理 %[4]d 不相等，请核对",
	})
}
