package figures

import (
	"bytes"
	"strings"
	"testing"
)

func writeHTML(t testing.TB, d *Dataset, metrics []string, years []int, o HTMLOptions) string {
	t.Helper()
	tab, err := d.Table(metrics, years)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tab.WriteHTML(&buf, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteHTML(t *testing.T) {
	d := decodeOK(t, scienceProjects)
	d.Title = `项目 <script>&"`
	d.Metrics[0].Label = "县级<b>项目</b>"
	d.Values[2021]["industry"] = num(t, "-4")

	for _, tt := range []struct {
		name    string
		metrics []string
		years   []int
		o       HTMLOptions
		want    []string // fragments, in this order
		not     []string
	}{{
		name: "table",
		o:    HTMLOptions{DatasetURL: "/kjj/data/x/", CSVURL: "/kjj/data/x.csv?a=1&b=2"},
		want: []string{
			`<figure class="figures" id="figures-x">`,
			`<div class="table-scroll" role="region" aria-labelledby="figures-x-caption" tabindex="0">`,
			`<caption id="figures-x-caption">项目 &lt;script&gt;&amp;&#34;</caption>`,
			`<thead>`,
			`<tr><th scope="col">指标</th><th scope="col">单位</th><th scope="col" class="num">2020年</th><th scope="col" class="num">2021年</th><th scope="col" class="num">较上年增减</th><th scope="col" class="num">增幅</th></tr>`,
			`<tr><th scope="row">县级&lt;b&gt;项目&lt;/b&gt;</th><td class="unit">项</td><td class="num">31</td><td class="num">39</td><td class="num">+8</td><td class="num">+25.8%</td></tr>`,
			`<tr><th scope="row">县级科技专项经费</th><td class="unit">万元</td><td class="num">120</td><td class="num">135.5</td><td class="num">+15.5</td><td class="num">+12.9%</td></tr>`,
			`<tr><th scope="row">其中：工业</th><td class="unit">项</td><td class="num missing"><abbr title="无数据">—</abbr></td><td class="num neg">-4</td><td class="num missing"><abbr title="无数据">—</abbr></td><td class="num missing"><abbr title="无数据">—</abbr></td></tr>`,
			"</table>\n</div>\n<figcaption>",
			`<p class="source">数据来源：秦安县科学技术局</p>`,
			`<p class="note">注：经费为当年下达数</p>`,
			`<p class="links"><a href="/kjj/data/x/">查看数据集</a> <a href="/kjj/data/x.csv?a=1&amp;b=2" download>下载 CSV</a></p>`,
			"</figcaption>\n</figure>\n",
		},
		not: []string{"<svg", "<script>"},
	}, {
		name:  "one year leaves out the comparison",
		years: []int{2021},
		o:     HTMLOptions{ID: "fig 2"},
		want: []string{
			`<figure class="figures" id="fig-2">`,
			`<th scope="col" class="num">2021年</th></tr>`,
			`<td class="num">39</td></tr>`,
		},
		not: []string{"较上年增减", "增幅", "查看数据集"},
	}, {
		name:    "chart",
		metrics: []string{"industry", "county_projects"},
		o:       HTMLOptions{Chart: true, ID: "f1"},
		want: []string{
			"</table>\n</div>\n<div class=\"figures-charts\">\n",
			`<svg class="figures-chart" role="img" aria-labelledby="f1-chart-1-title f1-chart-1-desc"`,
			`<title id="f1-chart-1-title">其中：工业（项）</title>`,
			`<desc id="f1-chart-1-desc">2020年：无数据；2021年：-4项</desc>`,
			`>—</text>`, // the missing 2020 is labelled, not drawn
			`>2020</text>`,
			`fill="#a4262c"/>`, // the negative bar, below the axis
			`>-4</text>`,
			`<svg class="figures-chart" role="img" aria-labelledby="f1-chart-2-title f1-chart-2-desc"`,
			`<title id="f1-chart-2-title">县级&lt;b&gt;项目&lt;/b&gt;（项）</title>`,
			`<rect x="86.0" y="20.0" width="36" height="120.0" fill="#1d4f91"/>`, // the tallest bar fills the plot
			`>39</text>`,
			"</svg>\n</div>\n<figcaption>",
		},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			have := writeHTML(t, d, tt.metrics, tt.years, tt.o)
			rest := have
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("have\n%s\nwant, after what came before, %s", have, w)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(have, n) {
					t.Errorf("have\n%s\nwant no %s", have, n)
				}
			}
			if again := writeHTML(t, d, tt.metrics, tt.years, tt.o); again != have {
				t.Errorf("two writes differ")
			}
		})
	}
}

func TestWriteHTMLNoCaption(t *testing.T) {
	have := writeHTML(t, decodeOK(t, yoyData), nil, nil, HTMLOptions{})
	if strings.Contains(have, "figcaption") {
		t.Errorf("have\n%s\nwant no <figcaption> without source, note or links", have)
	}
}
