package digest

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"
	"testing"
)

type link struct {
	Title, URL string
}

type page struct {
	Title    string
	Content  template.HTML
	Count    int
	Size     uint16
	Share    float64
	Draft    bool
	Crumbs   []link
	Parent   *link
	Pair     [2]int
	Raw      []byte
	Tags     map[string]int
	Any      any
	Amount   amount
	Skipped  string `json:"-"`
	note     string
	Children []*page
}

// amount keeps its value unexported and says it with MarshalJSON, as
// figures.Number does.
type amount struct{ text string }

func (a amount) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(a.text)), nil }

func full() page {
	return page{
		Title: "2020年工作报告", Content: "<p>正文</p>", Count: -3, Size: 7, Share: 0.5, Draft: true,
		Crumbs: []link{{"首页", "/"}, {"工作报告", "/reports/"}}, Parent: &link{"工作报告", "/reports/"},
		Pair: [2]int{1, 2}, Raw: []byte("ab"), Tags: map[string]int{"a": 1, "b": 2}, Any: "x",
		Amount: amount{"20.5"}, Children: []*page{{Title: "子页"}},
	}
}

// TestEveryFieldCounts changes one field at a time: each change gives
// other bytes, as it gives other JSON.
func TestEveryFieldCounts(t *testing.T) {
	base := Append(nil, full())
	if !bytes.Equal(base, Append(nil, full())) {
		t.Fatal("two equal values gave different bytes")
	}
	changes := map[string]func(p *page){
		"string":              func(p *page) { p.Title = "2021年工作报告" },
		"template.HTML":       func(p *page) { p.Content = "<p>正文。</p>" },
		"int":                 func(p *page) { p.Count = 3 },
		"uint16":              func(p *page) { p.Size = 8 },
		"float":               func(p *page) { p.Share = 0.25 },
		"bool":                func(p *page) { p.Draft = false },
		"slice element":       func(p *page) { p.Crumbs[1].URL = "/report/" },
		"slice shorter":       func(p *page) { p.Crumbs = p.Crumbs[:1] },
		"nil pointer":         func(p *page) { p.Parent = nil },
		"pointer to zero":     func(p *page) { p.Parent = &link{} },
		"pointed to":          func(p *page) { p.Parent = &link{"工作报告", "/report/"} },
		"array":               func(p *page) { p.Pair[1] = 3 },
		"bytes":               func(p *page) { p.Raw = []byte("abc") },
		"map value":           func(p *page) { p.Tags = map[string]int{"a": 1, "b": 3} },
		"interface":           func(p *page) { p.Any = 1 },
		"unexported by JSON":  func(p *page) { p.Amount = amount{"20.50"} },
		"a tree's child":      func(p *page) { p.Children[0].Title = "子页二" },
		"two strings run on":  func(p *page) { p.Crumbs[0] = link{"首", "页/"} },
		"a list's end moved":  func(p *page) { p.Crumbs = append(p.Crumbs, link{}) },
		"a child added":       func(p *page) { p.Children = append(p.Children, nil) },
		"the map's key order": func(p *page) { p.Tags = map[string]int{"b": 1, "a": 2} },
	}
	for name, change := range changes {
		p := full()
		change(&p)
		a, _ := json.Marshal(p)
		b, _ := json.Marshal(full())
		if bytes.Equal(a, b) {
			t.Fatalf("%s: the test's change leaves the JSON as it was", name)
		}
		if bytes.Equal(Append(nil, p), base) {
			t.Errorf("%s: the digest did not change", name)
		}
	}
}

// TestWhatJSONLeavesOut: fields encoding/json does not write are not in
// the digest either, so a key does not change with them.
func TestWhatJSONLeavesOut(t *testing.T) {
	base := Append(nil, full())
	for name, change := range map[string]func(p *page){
		`json:"-"`:   func(p *page) { p.Skipped = "x" },
		"unexported": func(p *page) { p.note = "x" },
	} {
		p := full()
		change(&p)
		if !bytes.Equal(Append(nil, p), base) {
			t.Errorf("%s: the digest changed", name)
		}
	}
	if !bytes.Equal(Append(nil, nil), Append(nil, nil)) || len(Append(nil, nil)) == 0 {
		t.Error("nil has no digest")
	}
}

// TestAppends: the digest is appended to what buf holds.
func TestAppends(t *testing.T) {
	d := Append(nil, full())
	if got := Append([]byte("key|"), full()); !bytes.Equal(got, append([]byte("key|"), d...)) {
		t.Errorf("Append did not append")
	}
}

// benchView is shaped as a page's view: strings, lists of links, a
// pointer to its metadata.
type benchView struct {
	Kind, Title, URL, Permalink, Description, Column string
	Crumbs                                           []link
	Content                                          template.HTML
	Page                                             *struct {
		IndexNo, Publisher, Date, DocNo, Topic string
		Valid                                  bool
		Summary                                string
		Attachments                            []link
	}
}

func benchValue() *benchView {
	v := &benchView{Kind: "page", Title: "示例县科学技术局2020年法治政府建设工作报告", URL: "/reports/2020/",
		Permalink: "https://www.example.gov.cn/reports/2020/", Description: "2020年，县科技局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于法治政府建设的决策部署。",
		Column: "工作报告", Crumbs: []link{{"首页", "/"}, {"工作报告", "/reports/"}}}
	v.Page = &struct {
		IndexNo, Publisher, Date, DocNo, Topic string
		Valid                                  bool
		Summary                                string
		Attachments                            []link
	}{"11610000MB0000000X/2021-00001", "示例县科学技术局", "2021-02-23", "示科发〔2021〕3号", "法治政府建设", true, v.Description, nil}
	return v
}

func BenchmarkDigest(b *testing.B) {
	v := benchValue()
	var buf []byte
	for b.Loop() {
		buf = Append(buf[:0], v)
	}
}

func BenchmarkJSON(b *testing.B) {
	v := benchValue()
	for b.Loop() {
		json.Marshal(v)
	}
}

// share says its value with a MarshalJSON on its pointer, as
// encoding/json calls it for a field it can address.
type share struct{ n int }

func (s *share) MarshalJSON() ([]byte, error) { return []byte(strconv.Itoa(s.n)), nil }

// TestPointerMarshaler: a field whose MarshalJSON is its pointer's is
// written as encoding/json writes it through a pointer to its struct.
func TestPointerMarshaler(t *testing.T) {
	type row struct{ Share share }
	a, b := &row{share{1}}, &row{share{2}}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if bytes.Equal(ja, jb) {
		t.Fatal("the test's values give the same JSON")
	}
	if bytes.Equal(Append(nil, a), Append(nil, b)) {
		t.Errorf("two values with different JSON (%s, %s) gave the same digest", ja, jb)
	}
}
