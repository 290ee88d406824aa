package post

import "sync"

// fieldsMemo keeps the fields of the front matters read lately, by format
// and head. One post's head is read again by each step that compares the
// text with the post (NoteDerived in the importer, the store's slug,
// writing the text back), and parsing the YAML is the dearest part of
// each: without it an import parses every file's front matter four times,
// three of them on the store's one writing goroutine.
//
// The fields it returns are shared between callers, so they are only read:
// the posts made from them (Original.base) are compared and dropped.
//
// It keeps two generations of at most max heads each: when the newer is
// full it becomes the older, and the older is dropped. An import parses
// the next batch of files while the store writes this one, so the heads
// the store reads again were put in a batch or two before; dropping all at
// once, some of those would be gone just before they are read.
type fieldsMemo struct {
	mu       sync.Mutex
	max      int
	cur, old map[memoKey][]field
}

type memoKey struct {
	format Format
	head   string
}

func newFieldsMemo(max int) *fieldsMemo {
	return &fieldsMemo{max: max, cur: make(map[memoKey][]field, max)}
}

// get returns the fields of head, parsing them with parse on a miss. Errors
// are not kept: a head that does not parse is rare, and its error names
// the line each time.
func (m *fieldsMemo) get(format Format, head string, parse func() ([]field, error)) ([]field, error) {
	k := memoKey{format, head}
	m.mu.Lock()
	fields, ok := m.cur[k]
	if !ok {
		fields, ok = m.old[k]
	}
	m.mu.Unlock()
	if ok {
		return fields, nil
	}
	fields, err := parse()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if len(m.cur) >= m.max {
		m.old, m.cur = m.cur, make(map[memoKey][]field, m.max)
	}
	m.cur[k] = fields
	m.mu.Unlock()
	return fields, nil
}

// headFields is the memo Original.fields reads through.
var headFields = newFieldsMemo(1024)
