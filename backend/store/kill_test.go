package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"quire/backend/post"
)

// The child half of TestKillWhileSaving: with QUIRE_SAVE_LOOP_DB set, this
// "test" saves forever, printing each save after SavePost returned.
const saveLoopEnv = "QUIRE_SAVE_LOOP_DB"

func TestSaveLoopChild(t *testing.T) {
	path := os.Getenv(saveLoopEnv)
	if path == "" {
		t.Skip("only run as the child of TestKillWhileSaving")
	}
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	seed, _ := strconv.ParseUint(os.Getenv(saveLoopEnv+"_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 1))
	filler := strings.Repeat("All work and no play makes Jack a dull boy. ", 1200) // ~53 KB
	var posts []*post.Post
	for n := 0; ; n++ {
		if len(posts) == 0 || rng.IntN(10) == 0 {
			p := &post.Post{Title: fmt.Sprintf("Post %d-%d", seed, n), Body: "new", Tags: []string{"kill"}}
			if err := s.CreatePost(ctx, p); err != nil {
				fmt.Println("ERROR", err)
				os.Exit(3)
			}
			fmt.Printf("SAVED %d %d create new\n", p.ID, p.Revision)
			posts = append(posts, p)
			continue
		}
		p := posts[rng.IntN(len(posts))]
		kind := KindSave
		if rng.IntN(2) == 0 {
			kind = KindAutosave
		}
		body := fmt.Sprintf("body-%d-%d", seed, n)
		p.Body = body + "\n" + filler[:rng.IntN(len(filler))]
		if err := s.SavePost(ctx, p, kind); err != nil {
			fmt.Println("ERROR", err)
			os.Exit(3)
		}
		fmt.Printf("SAVED %d %d %s %s\n", p.ID, p.Revision, kind, body)
	}
}

type savedLine struct {
	id, rev int64
	kind    RevisionKind
	body    string
}

// TestKillWhileSaving SIGKILLs a process that saves in a loop, many times,
// and checks after each kill that the database opens, passes SQLite's
// integrity check and has every save the process reported as done.
func TestKillWhileSaving(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	path := filepath.Join(t.TempDir(), "quire.db")
	const kills = 20
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	total := 0
	for round := 1; round <= kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaveLoopChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), saveLoopEnv+"="+path, fmt.Sprintf("%s_SEED=%d", saveLoopEnv, round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of reported saves plus a random delay,
		// so the kill lands anywhere in a save, commit or checkpoint.
		killAfter := 1 + rng.IntN(150)
		var saved []savedLine
		sc := bufio.NewScanner(out)
		killed := false
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "ERROR") {
				t.Fatalf("round %d: child: %s", round, line)
			}
			var l savedLine
			if _, err := fmt.Sscanf(line, "SAVED %d %d %s %s", &l.id, &l.rev, &l.kind, &l.body); err != nil {
				continue // test framework chatter
			}
			saved = append(saved, l)
			if !killed && len(saved) >= killAfter {
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		}
		err = cmd.Wait()
		if !killed {
			t.Fatalf("round %d: child exited by itself after %d saves: %v", round, len(saved), err)
		}
		total += len(saved)
		verifyAfterKill(t, round, path, saved)
	}
	t.Logf("%d kills, %d reported saves checked", kills, total)
}

func verifyAfterKill(t *testing.T, round int, path string, saved []savedLine) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("round %d: the database does not open after the kill: %v", round, err)
	}
	defer s.Close()
	if problems, err := s.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("round %d: integrity check: %v %v", round, problems, err)
	}
	last := map[int64]savedLine{}
	for _, l := range saved {
		last[l.id] = l
		if l.kind == KindAutosave || l.kind == "create" {
			continue // a later autosave may replace an autosave revision; checked below
		}
		r, err := s.Revision(ctx, l.id, l.rev)
		if err != nil {
			t.Fatalf("round %d: reported save %d/%d is missing: %v", round, l.id, l.rev, err)
		}
		if !strings.HasPrefix(r.Post.Body, l.body+"\n") {
			t.Fatalf("round %d: revision %d/%d has the wrong body", round, l.id, l.rev)
		}
	}
	for id, l := range last {
		p, err := s.GetPost(ctx, id)
		if err != nil {
			t.Fatalf("round %d: reported post %d is missing: %v", round, id, err)
		}
		if p.Revision < l.rev {
			t.Fatalf("round %d: post %d is at revision %d, but revision %d was reported saved", round, id, p.Revision, l.rev)
		}
		if p.Revision == l.rev && l.body != "new" && !strings.HasPrefix(p.Body, l.body+"\n") {
			t.Fatalf("round %d: post %d revision %d lost its body", round, id, l.rev)
		}
	}
}
