package export

import (
	"encoding/xml"
	"time"
)

// feedEntry is a post in the feeds, with its full rendered content.
type feedEntry struct {
	Title, URL, Content, Summary, Author string
	Date, Updated                        time.Time
	Categories                           []string
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   *atomPerson `xml:"author,omitempty"`
	Gen      string      `xml:"generator"`
	Entries  []atomEntry `xml:"entry"`
}

func atom(s siteInfo, entries []feedEntry) ([]byte, error) {
	f := atomFeed{
		Title: s.title, Subtitle: s.description, ID: s.abs(""), Gen: "Quire",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: s.abs("feed.xml")}, {Rel: "alternate", Type: "text/html", Href: s.abs("")}},
	}
	if s.author != "" {
		f.Author = &atomPerson{Name: s.author}
	}
	var newest time.Time
	for _, e := range entries {
		if e.Updated.After(newest) {
			newest = e.Updated
		}
		ae := atomEntry{
			Title: e.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.URL}, ID: e.URL,
			Published: e.Date.UTC().Format(time.RFC3339), Updated: e.Updated.UTC().Format(time.RFC3339),
			Content: atomText{Type: "html", Body: e.Content},
		}
		if e.Author != "" {
			ae.Author = &atomPerson{Name: e.Author}
		}
		for _, c := range e.Categories {
			ae.Categories = append(ae.Categories, atomCategory{Term: c})
		}
		if e.Summary != "" {
			ae.Summary = &atomText{Type: "text", Body: e.Summary}
		}
		f.Entries = append(f.Entries, ae)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	return marshalXML(f)
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Categories  []string `xml:"category"`
	Description string   `xml:"description"`
}

type rssGUID struct {
	Perma string `xml:"isPermaLink,attr"`
	Value string `xml:",chardata"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language,omitempty"`
	Generator   string    `xml:"generator"`
	LastBuild   string    `xml:"lastBuildDate,omitempty"`
	AtomLink    atomLink  `xml:"http://www.w3.org/2005/Atom link"`
	Items       []rssItem `xml:"item"`
}

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

func rss(s siteInfo, entries []feedEntry) ([]byte, error) {
	desc := s.description
	if desc == "" {
		desc = s.title
	}
	f := rssFeed{Version: "2.0", Channel: rssChannel{
		Title: s.title, Link: s.abs(""), Description: desc, Language: s.lang, Generator: "Quire",
		AtomLink: atomLink{Rel: "self", Type: "application/rss+xml", Href: s.abs("index.xml")},
	}}
	var newest time.Time
	for _, e := range entries {
		if e.Updated.After(newest) {
			newest = e.Updated
		}
		f.Channel.Items = append(f.Channel.Items, rssItem{
			Title: e.Title, Link: e.URL, GUID: rssGUID{Perma: "true", Value: e.URL},
			PubDate: e.Date.UTC().Format(time.RFC1123Z), Categories: e.Categories, Description: e.Content,
		})
	}
	if !newest.IsZero() {
		f.Channel.LastBuild = newest.UTC().Format(time.RFC1123Z)
	}
	return marshalXML(f)
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

func sitemap(urls []sitemapURL) ([]byte, error) { return marshalXML(urlset{URLs: urls}) }

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
