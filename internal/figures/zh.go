package figures

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate), and of a
// dataset's keys, as messages gloss them.
func init() {
	diag.Gloss(map[string]string{
		"source": "数据来源", "note": "说明", "metric": "指标", "key": "指标代码",
		"label": "指标名称", "unit": "单位", "check": "合计校验", "sum": "合计指标",
		"of": "分项指标", "year": "年份", "dataset": "数据集", "metrics": "指标",
		"years": "年份", "chart": "图表",
	})
	diag.Translate(map[string]string{
		"title is required":                                                           "缺少 title（标题）：请在开头加一行 title = \"……\"",
		"dataset is required":                                                         "缺少 dataset（数据集）：请写明用哪个数据集，例如 dataset = \"science-projects\"（即 content/data/science-projects.toml）",
		"no [[metric]]: a dataset needs at least one":                                 "没有 [[metric]]：数据集至少要有一个指标，请加上 [[metric]] 和它的 key、label、unit",
		"[[metric]] has no key":                                                       "[[metric]] 缺少 key（指标代码）：请加一行，例如 key = \"county_funds\"",
		"metric key %q may only contain a-z, 0-9 and _":                               "指标代码 %q 只能用小写英文字母、数字和 _，例如 county_funds",
		"metric %q is declared twice (first at line %d)":                              "指标 %q 写了两次（第一次在第 %d 行），请删去或改名其中一个",
		"metric %q has no label":                                                      "指标 %q 缺少 label（指标名称）：请加一行，例如 label = \"县级科技计划项目\"",
		"[[check]] has no sum":                                                        "[[check]] 缺少 sum（合计指标）：请写明哪个指标是合计，例如 sum = \"total\"",
		"check names unknown metric %q":                                               "合计校验里的 %q 不是本数据集的指标：请核对 [[metric]] 的 key",
		"[[check]] has no of: the metrics that add up to its sum":                     "[[check]] 缺少 of（分项指标）：请列出相加等于合计的指标，例如 of = [\"a\", \"b\"]",
		"check of lists no metrics":                                                   "合计校验的 of 是空的：请列出相加等于合计的指标",
		"year %q is not a four-digit year":                                            "年份 %q 不是四位数的年份：请写成 [year.2021]",
		"unknown metric %q in year %d (did you mean %q?)":                             "%[2]d 年里的 %[1]q 不是本数据集的指标（是不是想写 %[3]q？）",
		"unknown metric %q in year %d":                                                "%[2]d 年里的 %[1]q 不是本数据集的指标：请核对拼写，或先在 [[metric]] 中添加它",
		"metric %q in year %d: value %s has more than %d digits or %d decimal places": "%[2]d 年的指标 %[1]q：数值 %[3]s 超过了 %[4]d 位数字或 %[5]d 位小数，请核对",
		"metric %q in year %d: value %s is not a number":                              "%[2]d 年的指标 %[1]q：%[3]s 不是有效的数字",
		"check in year %d: numbers too large to add":                                  "%d 年的合计校验：数字太大，无法相加，请核对",
		"check failed in year %d: %s = %s, but %s = %s":                               "%d 年的合计对不上：%s = %s，但 %s = %s，请核对各项数字",
		"dataset %q has no year %d":                                                   "数据集 %q 中没有 %d 年的数据：请核对 years，或在数据集中添加 [year.%[2]d]",
		"unknown metric %q in dataset %q (did you mean %q?)":                          "数据集 %[2]q 中没有指标 %[1]q（是不是想写 %[3]q？）",
		"unknown metric %q in dataset %q":                                             "数据集 %[2]q 中没有指标 %[1]q：请核对 metrics 中的指标代码",
	})
}
