package post

import (
	"bytes"
	"encoding/json"
	"time"
)

// Field is one front-matter key and its value.
//
// Values are plain Go values: string, bool, int64, float64, time.Time, nil,
// []any, or Map for a nested mapping (kept as a Map so its key order survives).
type Field struct {
	Key   string
	Value any
}

// Map is an ordered mapping, as written in front matter.
type Map []Field

// Get returns the value of key and whether it is present.
func (m Map) Get(key string) (any, bool) {
	for _, f := range m {
		if f.Key == key {
			return f.Value, true
		}
	}
	return nil, false
}

// Set replaces the value of key, or appends the key when it is new.
func (m *Map) Set(key string, v any) {
	for i := range *m {
		if (*m)[i].Key == key {
			(*m)[i].Value = v
			return
		}
	}
	*m = append(*m, Field{key, v})
}

// MarshalJSON writes the map as a JSON object in key order.
func (m Map) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(jsonValue(f.Value))
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonValue makes times inside lists render the way they do in front matter.
func jsonValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return formatTime(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}

func (m Map) clone() Map {
	if m == nil {
		return nil
	}
	out := make(Map, len(m))
	for i, f := range m {
		out[i] = Field{f.Key, cloneValue(f.Value)}
	}
	return out
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case Map:
		return v.clone()
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneValue(e)
		}
		return out
	}
	return v
}
