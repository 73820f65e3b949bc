// Package disclosure holds the statutory tables of a 政府信息公开工作年度报告
// (government information disclosure annual report) in the national format
// of 国办公开办函〔2021〕30号, or the 2019 试行 format of 国办公开办函〔2019〕60号.
//
// A page bundle whose folder holds tables.toml is an annual report. The build
// uses this package in four steps:
//
//  1. [Decode] reads tables.toml into a [Report], collecting every content
//     error as a diag.Error at its line: TOML syntax, unknown keys, rows of
//     the wrong length, negative or fractional counts, and the table's own
//     勾稽关系 (一 + 二 = （七）总计 + 四 in every column). A report with
//     errors must not be published.
//  2. [CheckCarryOver] compares two consecutive years: this year's 上年结转
//     must equal last year's 结转下年度继续办理, column by column.
//  3. The page's Markdown places each table with a ```disclosure fenced
//     block whose body, parsed by [ParseBlock], names one of [Tables]; the
//     block renders as [Report.Table], the table laid out in rows of cells
//     with their spans and header ids, which the theme's disclosure.html
//     writes as HTML. This package writes no HTML.
//  4. [Report.WriteCSV] writes each table as a CSV download (UTF-8 with BOM,
//     so spreadsheet programs read it, CRLF line ends).
//
// A block in a page:
//
//	```disclosure
//	table = "applications"   # or "active", "appeals"
//	```
//
// [Report.Headline] gives the figures a column's list page compares year by
// year; [Template] writes a zeroed tables.toml for a new year.
//
// # Errors
//
// Messages name the key as a dotted path and, for a row, the column:
//
//	reports/2021/tables.toml:16: applications.received: want 6 numbers (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), have 5
//	reports/2021/tables.toml:22: applications.withheld.security: column 商业企业: -1 is not a count
//	reports/2021/tables.toml:14: applications: column 自然人: the rows of 三、本年度办理结果 add up to 9 and 四、结转下年度继续办理 is 1, together 10, but 一、本年新收 + 二、上年结转 = 10 + 1 = 11 (本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)
//	reports/2022/tables.toml:5: applications.carried_in: column 自然人: 上年结转 1 does not equal 2021's 结转下年度继续办理 2 in reports/2021/tables.toml
//
// The identity is checked only when every cell of table 三 is valid, since
// sums over a bad cell say nothing the cell's own error does not; and only
// in the six columns the editor types, as the 总计 column is their sum.
//
// # tables.toml
//
// Editors type only the cells; every 总计 is computed. Missing rows and
// cells count as zeros, as the national tables have no empty cells.
//
//	year = 2021               # required
//	format = "2021"           # "2021" (default) or "2019"
//
//	[active]                  # 二、主动公开政府信息情况, format "2021"
//	rules = { issued = 0, repealed = 0, in_force = 0 }      # 规章: 本年制发件数, 本年废止件数, 现行有效件数
//	normative = { issued = 0, repealed = 0, in_force = 0 }  # 行政规范性文件
//	licensing = 0             # 行政许可 本年处理决定数量
//	penalties = 0             # 行政处罚
//	enforcement = 0           # 行政强制
//	fees = 0.0                # 行政事业性收费 本年收费金额（单位：万元）, decimals shown as typed
//
//	[applications]            # 三: rows of six counts, in the order
//	                          # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
//	received = [0, 0, 0, 0, 0, 0]      # 一、本年新收
//	carried_in = [0, 0, 0, 0, 0, 0]    # 二、上年结转
//	disclosed = [0, 0, 0, 0, 0, 0]     # （一）予以公开
//	partly = [0, 0, 0, 0, 0, 0]        # （二）部分公开
//	carried_out = [0, 0, 0, 0, 0, 0]   # 四、结转下年度继续办理
//	[applications.withheld]   # （三）不予公开: state_secret, prohibited, security,
//	                          # third_party, internal, process, enforcement_files, inquiry
//	[applications.unavailable]  # （四）无法提供: not_held, needs_making, unclear
//	[applications.rejected]   # （五）不予处理: petition, repeated, publications,
//	                          # excessive, confirmation
//	[applications.other]      # （六）其他处理: no_correction, no_fee, other;
//	                          # format "2019": a single row, total
//
//	[appeals]                 # 四: 结果维持, 结果纠正, 其他结果, 尚未审结
//	review = [0, 0, 0, 0]              # 行政复议
//	direct_suit = [0, 0, 0, 0]         # 行政诉讼 未经复议直接起诉
//	suit_after_review = [0, 0, 0, 0]   # 行政诉讼 复议后起诉
//
// Format "2019" has its own table 二:
//
//	[active]
//	rules = { made = 0, published = 0, total = 0 }      # 规章: 本年新制作数量, 本年新公开数量, 对外公开总数量
//	normative = { made = 0, published = 0, total = 0 }  # 规范性文件
//	licensing = { last_year = 0, change = 0, decisions = 0 }       # 行政许可: 上一年项目数量, 本年增/减, 处理决定数量
//	other_services = { last_year = 0, change = 0, decisions = 0 }  # 其他对外管理服务事项
//	penalties = { last_year = 0, change = 0, decisions = 0 }       # 行政处罚
//	enforcement = { last_year = 0, change = 0, decisions = 0 }     # 行政强制
//	fees = { last_year = 0, change = 0 }     # 行政事业性收费: 上一年项目数量, 本年增/减 (decimals allowed)
//	procurement = { count = 0, amount = 0, unit = "万元" }  # 政府集中采购: 采购项目数量, 采购总金额 (decimals allowed) and its unit, 元 or 万元
//
// Every change (本年增/减) may be negative; every other number must be ≥ 0.
package disclosure
