package main

import (
	"io/fs"
	"os"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
)

// engineLexicon is the engine's vocabulary as the config describes it: the
// embedded match/data, extended by the folders of engine.lexicon.
func engineLexicon(cfg *config.Config) (*match.Lexicon, error) {
	extra := make([]fs.FS, 0, len(cfg.Engine.Lexicon))
	for _, dir := range cfg.Engine.Lexicon {
		extra = append(extra, os.DirFS(dir))
	}
	return match.DefaultLexicon(extra...)
}
