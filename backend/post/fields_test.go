package post

import (
	"reflect"
	"testing"
	"time"
)

// TestKnownFieldsTable: each known field names the Post field its accessor
// reaches and has a kind that matches that field's type, so the names the
// generator and the store read from the table are the ones the code uses.
func TestKnownFieldsTable(t *testing.T) {
	kinds := map[Kind]reflect.Type{
		KindString: reflect.TypeFor[string](),
		KindDate:   reflect.TypeFor[time.Time](),
		KindStatus: reflect.TypeFor[Status](),
		KindList:   reflect.TypeFor[[]string](),
	}
	seen := map[string]bool{}
	for _, f := range KnownFields {
		t.Run(f.Key, func(t *testing.T) {
			var p Post
			sf := reflect.ValueOf(&p).Elem().FieldByName(f.GoField)
			if !sf.IsValid() {
				t.Fatalf("Post has no field %s", f.GoField)
			}
			if got := reflect.ValueOf(f.Ptr(&p)).Pointer(); got != sf.Addr().Pointer() {
				t.Errorf("the accessor does not reach Post.%s", f.GoField)
			}
			if sf.Type() != kinds[f.Kind] {
				t.Errorf("kind %s, but Post.%s is a %s", f.Kind, f.GoField, sf.Type())
			}
			for _, k := range append([]string{f.Key}, aliasKeys(f)...) {
				if seen[k] {
					t.Errorf("key %q is in the table twice", k)
				}
				seen[k] = true
			}
			if (f.Label == "") != (f.Input == "") {
				t.Errorf("label %q with input %q: both or neither", f.Label, f.Input)
			}
		})
	}
}

func aliasKeys(f KnownField) []string {
	var out []string
	for _, a := range f.Aliases {
		out = append(out, a.Key)
	}
	return out
}

// TestKnownFieldsRoundTrip: every known field set on a post is written by
// FrontMatter and read back by ParseFile into the same Post field; none
// lands in Extra.
func TestKnownFieldsRoundTrip(t *testing.T) {
	p := &Post{Body: "Text.\n"}
	for i := range KnownFields {
		f := &KnownFields[i]
		switch f.Kind {
		case KindString:
			f.set(p, "value-"+f.Key)
		case KindDate:
			f.set(p, time.Date(2017, 12, 6, 9, 30, 0, 0, time.UTC))
		case KindStatus:
			f.set(p, "scheduled")
		case KindList:
			f.set(p, []any{"a-" + f.Key, "b"})
		}
		if f.IsZero(p) {
			t.Fatalf("%s: set left it unset", f.Key)
		}
	}
	b, err := p.MarshalFile()
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := ParseFile("", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Extra) != 0 {
		t.Errorf("known keys read as extra: %v", back.Extra)
	}
	for i := range KnownFields {
		if f := &KnownFields[i]; !f.equal(p, back) {
			t.Errorf("%s: wrote %v, read back %v", f.Key, f.Value(p), f.Value(back))
		}
	}
}

// TestStatusAliases: the aliases set the status as Hugo and Jekyll mean them.
func TestStatusAliases(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want Status
	}{
		{"draft: true", StatusDraft},
		{"draft: false", StatusPublished},
		{"published: false", StatusDraft},
		{"published: true", StatusPublished},
	} {
		p, _, err := ParseFile("", []byte("---\ndate: 2017-12-06\n"+tt.src+"\n---\n"))
		if err != nil || p.Status != tt.want || len(p.Extra) != 0 {
			t.Errorf("%s: %v %v extra %v, want %s", tt.src, p.Status, err, p.Extra, tt.want)
		}
	}
}
