package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"quire/backend/post"
)

// TestKnownFieldColumns: every known front-matter field (post.KnownFields)
// has its column in the posts table, read by postSelect and written by
// updatePost, so a field added to the table and not to the store fails
// here rather than being lost at the first save.
func TestKnownFieldColumns(t *testing.T) {
	s, _ := MustOpen(t)
	rows, err := s.db.QueryContext(context.Background(), `SELECT name FROM pragma_table_info('posts')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		cols[name] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	selected := map[string]bool{}
	for _, c := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(postSelect, "SELECT "), " FROM posts"), ",") {
		selected[strings.TrimSpace(c)] = true
	}
	for _, f := range post.KnownFields {
		if !cols[f.Column] {
			t.Errorf("%s: no column %q in posts", f.Key, f.Column)
		}
		if !selected[f.Column] {
			t.Errorf("%s: postSelect does not read %q", f.Key, f.Column)
		}
	}
}

// TestKnownFieldsSurviveASave: each known field the writer sets is stored
// and read back as it was, at creation and at a save that changes it alone.
func TestKnownFieldsSurviveASave(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	set := func(p *post.Post, f *post.KnownField, n int) {
		switch v := f.Ptr(p).(type) {
		case *string:
			*v = fmt.Sprintf("value-%d", n)
		case *time.Time:
			*v = time.Date(2017, 12, n, 9, 30, 0, 0, time.UTC)
		case *post.Status:
			*v = post.Statuses[n%len(post.Statuses)]
		case *[]string:
			*v = []string{fmt.Sprintf("a%d", n), "b"}
		default:
			t.Fatalf("%s: a %T", f.Key, v)
		}
	}
	p := &post.Post{Body: "Text.\n"}
	for i := range post.KnownFields {
		if f := &post.KnownFields[i]; f.Derived != post.FromStore {
			set(p, f, 1)
		}
	}
	if err := s.CreatePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	for i := range post.KnownFields {
		f := &post.KnownFields[i]
		if f.Derived == post.FromStore {
			continue
		}
		t.Run(f.Key, func(t *testing.T) {
			got, err := s.GetPost(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Value(got), f.Value(p)) {
				t.Fatalf("created with %v, read %v", f.Value(p), f.Value(got))
			}
			set(p, f, 2)
			if err := s.SavePost(ctx, p, KindSave); err != nil {
				t.Fatal(err)
			}
			if got, err = s.GetPost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Value(got), f.Value(p)) {
				t.Fatalf("saved %v, read %v", f.Value(p), f.Value(got))
			}
		})
	}
}
