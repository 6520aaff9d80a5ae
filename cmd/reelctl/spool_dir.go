package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/reel-project/reel/core/config"
)

// flagSpoolDir names the spool directory itself, bypassing the config.
const flagSpoolDir = "spool-dir"

// spoolLocationFlags adds the flags that find the spool, the way reel-mcp
// finds its data dir: --config (or $REEL_CONFIG), $REEL_DATA_DIR,
// --data-dir; --spool-dir names the directory directly.
func spoolLocationFlags(fs *pflag.FlagSet) {
	d := config.Default()
	fs.String(config.FlagConfig, "", "reel-mcp's YAML config file (env "+config.EnvConfig+")")
	fs.String(config.FlagDataDir, d.DataDir, "reel-mcp's data dir (data_dir); the spool is <data_dir>/spool")
	fs.String(flagSpoolDir, "", "the spool directory itself (default <data_dir>/spool)")
}

// spoolDir resolves the spool of cmd's flags and checks that it exists.
func spoolDir(cmd *cobra.Command) (string, error) {
	fs := cmd.Flags()
	if f := fs.Lookup(flagSpoolDir); f.Changed {
		return existingSpool(f.Value.String(), "--"+flagSpoolDir)
	}
	cfg, err := config.Load("", fs, os.Environ())
	if err != nil {
		return "", err
	}
	return existingSpool(cfg.SpoolDir(), dataDirSource(fs))
}

// dataDirSource names what set the data dir, for the error message.
func dataDirSource(fs *pflag.FlagSet) string {
	switch {
	case fs.Changed(config.FlagDataDir):
		return "--" + config.FlagDataDir
	case os.Getenv(config.EnvName("data_dir")) != "":
		return config.EnvName("data_dir")
	case fs.Changed(config.FlagConfig):
		return "data_dir in --" + config.FlagConfig
	case os.Getenv(config.EnvConfig) != "":
		return "data_dir in $" + config.EnvConfig
	}
	return "the default data_dir"
}

// errNoSpool: the spool directory is not there.
var errNoSpool = errors.New("no spool")

// existingSpool returns dir when it is a directory, else an error that
// says where reelctl looked and how to point it at reel-mcp's spool.
func existingSpool(dir, from string) (string, error) {
	st, err := os.Stat(dir)
	if err == nil && st.IsDir() {
		return dir, nil
	}
	abs, _ := filepath.Abs(dir)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%w at %s (from %s): give reelctl the --config or --data-dir reel-mcp runs with, or --spool-dir <data_dir>/spool",
			errNoSpool, abs, from)
	}
	return "", fmt.Errorf("spool %s (from %s): %w", abs, from, err)
}
