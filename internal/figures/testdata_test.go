package figures

// scienceProjects is the dataset of SPEC §3.
const scienceProjects = `title = "科技计划项目及经费"          # required
source = "秦安县科学技术局"            # 数据来源
note = "经费为当年下达数"

[[metric]]                             # display order; at least one
key = "county_projects"                # [a-z0-9_]+
label = "县级科技计划项目"
unit = "项"

[[metric]]
key = "county_funds"
label = "县级科技专项经费"
unit = "万元"

[[metric]]
key = "agri"
label = "其中：农业"
unit = "项"

[[metric]]
key = "industry"
label = "其中：工业"
unit = "项"

[[check]]                              # optional
sum = "county_projects"
of = ["agri", "industry"]

[year.2020]
county_projects = 31
county_funds = 120

[year.2021]
county_projects = 39
county_funds = 135.5
agri = 35
industry = 4
`
