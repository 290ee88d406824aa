package shortcode

import (
	"fmt"
	"html/template"
	"text/template/parse"
)

// rootFields are the shortcode's fields and methods a template may use, as
// Hugo names them; Page offers only its Title.
var rootFields = map[string]bool{"Get": true, "Inner": true, "IsNamedParams": true, "Params": true, "Page": true, "Name": true}

// check walks a parsed template and refuses what Quire cannot run: calls
// of other templates (which could recurse without end), and fields of the
// shortcode other than rootFields (.Site, .Page.Resources). Where a with or
// a range has moved the dot, fields are left to the run, which fails
// cleanly. Each range body gets a step counter, so a loop is bounded, and
// each markdownify the call that renders it.
func check(tpl *template.Template) error {
	c := &checker{tree: tpl.Tree}
	if c.tree == nil || c.tree.Root == nil {
		return nil
	}
	c.list(c.tree.Root, true)
	return c.err
}

type checker struct {
	tree *parse.Tree
	err  error
}

func (c *checker) fail(n parse.Node, format string, args ...any) {
	if c.err == nil {
		loc, _ := c.tree.ErrorContext(n)
		c.err = fmt.Errorf("%s: %s", loc, fmt.Sprintf(format, args...))
	}
}

func (c *checker) list(l *parse.ListNode, root bool) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.node(n, root)
	}
}

func (c *checker) node(n parse.Node, root bool) {
	switch n := n.(type) {
	case *parse.ActionNode:
		c.pipe(n.Pipe, root)
	case *parse.IfNode:
		c.branch(&n.BranchNode, root, root)
	case *parse.WithNode:
		c.branch(&n.BranchNode, false, root)
	case *parse.RangeNode:
		c.branch(&n.BranchNode, false, root)
		if c.err == nil {
			c.err = addStep(n.List)
		}
	case *parse.TemplateNode:
		c.fail(n, "it calls the template %q, which Quire does not run", n.Name)
	}
}

// branch checks an if, with or range: body is whether the dot is still
// the shortcode inside the body.
func (c *checker) branch(b *parse.BranchNode, body, root bool) {
	c.pipe(b.Pipe, root)
	c.list(b.List, body)
	c.list(b.ElseList, root)
}

func (c *checker) pipe(p *parse.PipeNode, root bool) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && id.Ident == "markdownify" && c.err == nil {
			c.err = passCall(cmd)
		}
		for _, arg := range cmd.Args {
			c.arg(arg, root)
		}
	}
}

func (c *checker) arg(n parse.Node, root bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		if root {
			c.fields(n, n.Ident)
		}
	case *parse.VariableNode:
		if len(n.Ident) > 1 && n.Ident[0] == "$" {
			c.fields(n, n.Ident[1:])
		}
	case *parse.PipeNode:
		c.pipe(n, root)
	case *parse.ChainNode:
		c.arg(n.Node, root)
	}
}

// fields checks a chain of fields read from the shortcode.
func (c *checker) fields(n parse.Node, ident []string) {
	if !rootFields[ident[0]] {
		c.fail(n, ".%s is not available in Quire (a shortcode may use .Get, .Inner, .Params, .IsNamedParams, .Name and .Page.Title)", ident[0])
		return
	}
	if ident[0] == "Page" && len(ident) > 1 && ident[1] != "Title" {
		c.fail(n, ".Page.%s is not available in Quire (only .Page.Title is)", ident[1])
	}
}

// addStep puts a call of the step counter at the head of a range body.
func addStep(body *parse.ListNode) error {
	if body == nil {
		return nil
	}
	step, err := template.New("step").Funcs(funcs).Parse("{{$quire_step_ := quireStep $}}")
	if err != nil {
		return fmt.Errorf("step counter: %w", err)
	}
	body.Nodes = append([]parse.Node{step.Tree.Root.Nodes[0]}, body.Nodes...)
	return nil
}

// passCall makes markdownify x into markdownify $ x: the function is the
// package's, and $ (the shortcode's call) brings the page's renderer.
func passCall(cmd *parse.CommandNode) error {
	t, err := template.New("call").Funcs(funcs).Parse("{{markdownify $ 0}}")
	if err != nil {
		return fmt.Errorf("markdownify: %w", err)
	}
	dollar := t.Tree.Root.Nodes[0].(*parse.ActionNode).Pipe.Cmds[0].Args[1]
	cmd.Args = append([]parse.Node{cmd.Args[0], dollar}, cmd.Args[1:]...)
	return nil
}
