package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLexiconExtendedFromConfig: a newsroom adds vocabulary without
// rebuilding (engine.lexicon folders laid out like match/data); a folder
// whose terms clash with the embedded ones, or that does not exist, is a
// configuration error naming the problem.
func TestLexiconExtendedFromConfig(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "extra")
	os.MkdirAll(filepath.Join(good, "concepts"), 0o755)
	os.WriteFile(filepath.Join(good, "concepts", "newsroom.yaml"), []byte(`domain: newsroom
concepts:
  - id: lithium_mining
    es: [minería de litio, yacimientos de litio]
    en: [lithium mining, lithium deposits]
`), 0o644)
	clash := filepath.Join(dir, "clash")
	os.MkdirAll(filepath.Join(clash, "concepts"), 0o755)
	os.WriteFile(filepath.Join(clash, "concepts", "bad.yaml"), []byte(`domain: bad
concepts:
  - id: my_fentanyl
    es: [fentanilo]
    en: [fentanyl]
`), 0o644)

	write := func(lexDir string) string {
		p := filepath.Join(t.TempDir(), "gapwatch.yaml")
		doc := "engine:\n  lexicon: [" + lexDir + "]\nstorage: " + filepath.Join(t.TempDir(), "g.db") + "\n"
		os.WriteFile(p, []byte(doc), 0o600)
		return p
	}

	cfgPath := write(good)
	g := globalFlags{configPath: cfgPath}
	cfg, err := g.load(&env{})
	if err != nil {
		t.Fatal(err)
	}
	lex, err := engineLexicon(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if lex.Entry("lithium_mining") == nil || lex.Entry("arms_trafficking") == nil {
		t.Fatal("the extended lexicon lacks the added concept or the embedded ones")
	}
	if code, out, errOut := runCLI(t, nil, "check-config", "--config", cfgPath); code != exitOK {
		t.Fatalf("check-config with an extra lexicon: exit %d\n%s%s", code, out, errOut)
	}

	code, _, errOut := runCLI(t, nil, "check-config", "--config", write(clash))
	if code != exitUsage || !strings.Contains(errOut, "engine.lexicon") || !strings.Contains(errOut, "fentanyl") {
		t.Fatalf("a clashing term must fail check-config naming it: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCLI(t, nil, "check-config", "--config", write(filepath.Join(dir, "missing")))
	if code != exitUsage || !strings.Contains(errOut, "engine.lexicon[0]") {
		t.Fatalf("a missing folder: exit %d, want 2 naming engine.lexicon[0]\n%s", code, errOut)
	}
}
