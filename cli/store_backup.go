package cli

import "fmt"

func init() {
	Register(&Command{
		Name:    "backup",
		Args:    "FILE",
		Summary: "write a consistent copy of the database to FILE (never overwrites)",
		Run:     runBackup,
	})
}

func runBackup(env *Env, args []string) error {
	rest, err := ParseFlags(NewFlags("backup"), args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return Usagef("backup takes one FILE")
	}
	st, err := openStore(env)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(env.Ctx, rest[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "backed up %s to %s\n", st.Path(), rest[0])
	return err
}
