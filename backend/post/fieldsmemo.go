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
type fieldsMemo struct {
	mu    sync.Mutex
	max   int
	items map[memoKey][]field
}

type memoKey struct {
	format Format
	head   string
}

func newFieldsMemo(max int) *fieldsMemo {
	return &fieldsMemo{max: max, items: make(map[memoKey][]field, max)}
}

// get returns the fields of head, parsing them with parse on a miss. Errors
// are not kept: a head that does not parse is rare, and its error names
// the line each time.
func (m *fieldsMemo) get(format Format, head string, parse func() ([]field, error)) ([]field, error) {
	k := memoKey{format, head}
	m.mu.Lock()
	fields, ok := m.items[k]
	m.mu.Unlock()
	if ok {
		return fields, nil
	}
	fields, err := parse()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if len(m.items) >= m.max {
		// Dropping all is enough: the heads that repeat are those of the
		// post being handled now, read again within moments.
		clear(m.items)
	}
	m.items[k] = fields
	m.mu.Unlock()
	return fields, nil
}

// headFields is the memo Original.fields reads through.
var headFields = newFieldsMemo(1024)
