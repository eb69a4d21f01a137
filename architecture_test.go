package caja_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/cajalive/caja"

// listedPackage is what go list says about one package of the module.
type listedPackage struct {
	ImportPath   string
	Module       *struct{ Path string }
	Imports      []string // the package's own files
	TestImports  []string // its in-package _test.go files
	XTestImports []string // its package x_test files
}

// modulePackages lists every package of the module with its imports.
func modulePackages(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		if p.Module != nil && p.Module.Path == module {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}

// under reports whether path is prefix or a package below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// forbids reports whether a rule's entry f covers the import imp: f and the
// packages below it, or, when f ends in "/", only the packages below it.
func forbids(f, imp string) bool {
	if strings.HasSuffix(f, "/") {
		return strings.HasPrefix(imp, f)
	}
	return under(imp, f)
}

// TestArchitecture_ImportArrows keeps the layer rules of design.md §2: each
// layer imports only what it may, so that a change of storage or transport
// stays in its layer. A rule names its packages and the imports they must
// not have; a forbidden import is reported with the package that has it.
func TestArchitecture_ImportArrows(t *testing.T) {
	t.Parallel()
	pkgs := modulePackages(t)
	rules := []struct {
		layer     string   // module-relative; "" is the root package alone
		forbidden []string // import paths, see forbids
		// externalTests also checks package x_test files. transport's wire a
		// whole server for its benchmark and readmodel's drive the commands
		// to fill the outbox, like cmd/caja does; the packages themselves and
		// their in-package tests are always checked.
		externalTests bool
	}{
		{"", []string{module + "/"}, true},
		{"transport", []string{module + "/writemodel", module + "/readmodel", "gorm.io", "github.com/redis/go-redis"}, false},
		{"queries", []string{module + "/writemodel", "gorm.io"}, true},
		{"commands", []string{module + "/readmodel", "github.com/redis/go-redis"}, true},
		{"writemodel", []string{module + "/commands", module + "/queries", module + "/readmodel", module + "/transport"}, true},
		{"readmodel", []string{module + "/queries", module + "/commands", module + "/transport"}, false},
	}
	for _, rule := range rules {
		name := rule.layer
		if name == "" {
			name = "root"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checked := 0
			for _, p := range pkgs {
				if rule.layer == "" && p.ImportPath != module || rule.layer != "" && !under(p.ImportPath, module+"/"+rule.layer) {
					continue
				}
				checked++
				imports := map[string][]string{"": p.Imports, " (in its tests)": p.TestImports}
				if rule.externalTests {
					imports[" (in its x_test package)"] = p.XTestImports
				}
				for where, list := range imports {
					for _, imp := range list {
						for _, f := range rule.forbidden {
							if !forbids(f, imp) {
								continue
							}
							what := f
							if strings.HasSuffix(f, "/") {
								what += "…"
							}
							t.Errorf("package %s imports %s%s: the %s layer must not import %s", p.ImportPath, imp, where, name, what)
						}
					}
				}
			}
			if checked == 0 {
				t.Fatalf("no package of layer %q: the rule checks nothing", name)
			}
		})
	}
}
