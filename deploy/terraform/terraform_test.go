// Package terraform_test checks the Terraform under deploy/terraform without a
// Terraform binary: every .tf file must parse, every module call must match the
// module it calls, every variable must be documented and typed, every module
// must declare outputs, references must resolve, and no secret may be written
// into the code. It runs with the ordinary `go test ./...`.
package terraform_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// The test runs in deploy/terraform.
const (
	modulesDir      = "modules"
	environmentsDir = "environments"
)

var (
	wantModules      = []string{"vpc", "ecs", "rds", "elasticache", "s3-cloudfront"}
	wantEnvironments = []string{"dev", "staging", "prod"}
)

// metaArguments are module-block arguments that Terraform itself consumes.
var metaArguments = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

var topLevelSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "module", LabelNames: []string{"name"}},
	},
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "description"}, {Name: "type"}, {Name: "default"},
		{Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "description"}, {Name: "value", Required: true},
		{Name: "sensitive"}, {Name: "depends_on"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "precondition"}},
}

// variable is one `variable` block.
type variable struct {
	name        string
	description string
	hasType     bool
	defaultExpr hcl.Expression // nil when the variable is required
	rng         hcl.Range
}

// moduleCall is one `module` block.
type moduleCall struct {
	name   string
	source string
	args   map[string]hcl.Expression // without meta-arguments
	rng    hcl.Range
}

// config is one Terraform directory (a root module or a child module).
type config struct {
	dir       string
	files     map[string]*hcl.File
	variables map[string]variable
	outputs   map[string]hcl.Range
	modules   map[string]moduleCall
}

// parseConfig parses in-memory .tf sources as one directory.
func parseConfig(dir string, srcs map[string][]byte) (*config, hcl.Diagnostics) {
	p := hclparse.NewParser()
	c := &config{
		dir:       dir,
		files:     map[string]*hcl.File{},
		variables: map[string]variable{},
		outputs:   map[string]hcl.Range{},
		modules:   map[string]moduleCall{},
	}
	var diags hcl.Diagnostics
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		f, d := p.ParseHCL(srcs[name], filepath.Join(dir, name))
		diags = append(diags, d...)
		if f == nil {
			continue
		}
		c.files[name] = f
		content, _, d := f.Body.PartialContent(topLevelSchema)
		diags = append(diags, d...)
		for _, b := range content.Blocks {
			switch b.Type {
			case "variable":
				v, d := decodeVariable(b)
				diags = append(diags, d...)
				c.variables[v.name] = v
			case "output":
				_, _, d := b.Body.PartialContent(outputSchema)
				diags = append(diags, d...)
				c.outputs[b.Labels[0]] = b.DefRange
			case "module":
				m, d := decodeModule(b)
				diags = append(diags, d...)
				c.modules[m.name] = m
			}
		}
	}
	return c, diags
}

func decodeVariable(b *hcl.Block) (variable, hcl.Diagnostics) {
	v := variable{name: b.Labels[0], rng: b.DefRange}
	content, _, diags := b.Body.PartialContent(variableSchema)
	if a, ok := content.Attributes["description"]; ok {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if !d.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
			v.description = val.AsString()
		}
	}
	_, v.hasType = content.Attributes["type"]
	if a, ok := content.Attributes["default"]; ok {
		v.defaultExpr = a.Expr
	}
	return v, diags
}

func decodeModule(b *hcl.Block) (moduleCall, hcl.Diagnostics) {
	m := moduleCall{name: b.Labels[0], args: map[string]hcl.Expression{}, rng: b.DefRange}
	attrs, diags := b.Body.JustAttributes()
	for name, a := range attrs {
		if name == "source" {
			val, d := a.Expr.Value(nil)
			diags = append(diags, d...)
			if !d.HasErrors() && val.Type() == cty.String {
				m.source = val.AsString()
			}
			continue
		}
		if metaArguments[name] {
			continue
		}
		m.args[name] = a.Expr
	}
	return m, diags
}

// loadConfig parses every .tf file of dir (symbolic links included).
func loadConfig(t *testing.T, dir string) *config {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	srcs := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tf") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatalf("read %s: %v", filepath.Join(dir, e.Name()), err)
		}
		srcs[e.Name()] = b
	}
	if len(srcs) == 0 {
		t.Fatalf("%s holds no .tf files", dir)
	}
	c, diags := parseConfig(dir, srcs)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", dir, diags.Error())
	}
	return c
}

// mustParse parses one in-memory file for the negative tests.
func mustParse(t *testing.T, dir, src string) *config {
	t.Helper()
	c, diags := parseConfig(dir, map[string][]byte{"main.tf": []byte(src)})
	if diags.HasErrors() {
		t.Fatalf("parse in-memory %s: %s", dir, diags.Error())
	}
	return c
}

func subdirs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// allTerraformFiles lists every .tf and .tfvars file below the current directory.
func allTerraformFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tfvars")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return files
}

// configDirs are the directories whose references must resolve: every module and environment.
func configDirs(t *testing.T) []string {
	t.Helper()
	return append(subdirs(t, modulesDir), subdirs(t, environmentsDir)...)
}

// --- checkers (pure functions, so the negative tests can feed them mistakes) ---

// checkVariable reports a variable without a description or a type.
func checkVariable(v variable) []string {
	var problems []string
	if strings.TrimSpace(v.description) == "" {
		problems = append(problems, fmt.Sprintf("variable %q has no description", v.name))
	}
	if !v.hasType {
		problems = append(problems, fmt.Sprintf("variable %q has no type", v.name))
	}
	return problems
}

// resolveSource turns a module call's source into the module directory, which
// must lie under modulesRoot.
func resolveSource(callerDir, source, modulesRoot string) (string, error) {
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		return "", fmt.Errorf("source %q is not a local path", source)
	}
	dir := filepath.Clean(filepath.Join(callerDir, source))
	rel, err := filepath.Rel(filepath.Clean(modulesRoot), dir)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") || strings.Contains(rel, string(filepath.Separator)) {
		return "", fmt.Errorf("source %q does not point to a directory directly under %s", source, modulesRoot)
	}
	return dir, nil
}

// checkModuleCall reports arguments the module does not declare and required
// module variables the call does not pass.
func checkModuleCall(call moduleCall, mod *config) []string {
	var problems []string
	for _, arg := range sortedKeys(call.args) {
		if _, ok := mod.variables[arg]; !ok {
			problems = append(problems, fmt.Sprintf("module %q: unknown argument %q (not a variable of %s)", call.name, arg, mod.dir))
		}
	}
	for _, name := range sortedKeys(mod.variables) {
		if mod.variables[name].defaultExpr != nil {
			continue
		}
		if _, ok := call.args[name]; !ok {
			problems = append(problems, fmt.Sprintf("module %q: missing required variable %q of %s", call.name, name, mod.dir))
		}
	}
	return problems
}

// checkReferences reports var.X that the directory does not declare, and
// module.M.O where M is not called or its module has no output O.
func checkReferences(c *config, calledModules map[string]*config) []string {
	var problems []string
	seen := map[string]bool{}
	report := func(msg string) {
		if !seen[msg] {
			seen[msg] = true
			problems = append(problems, msg)
		}
	}
	for _, name := range sortedKeys(c.files) {
		body, ok := c.files[name].Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		walkExpressions(body, func(e hclsyntax.Expression) {
			for _, tr := range e.Variables() {
				switch tr.RootName() {
				case "var":
					v := attrName(tr, 1)
					if _, ok := c.variables[v]; v != "" && !ok {
						report(fmt.Sprintf("%s: var.%s is not declared", c.dir, v))
					}
				case "module":
					m, out := attrName(tr, 1), attrName(tr, 2)
					mod, ok := calledModules[m]
					if !ok {
						report(fmt.Sprintf("%s: module.%s is not a module call here", c.dir, m))
						continue
					}
					if _, ok := mod.outputs[out]; out != "" && !ok {
						report(fmt.Sprintf("%s: module.%s.%s is not an output of %s", c.dir, m, out, mod.dir))
					}
				}
			}
		})
	}
	return problems
}

// secretAttributes are argument names whose value must never be a literal.
var secretAttributes = map[string]bool{
	"password": true, "master_password": true, "auth_token": true,
	"secret_string": true, "access_key": true, "secret_key": true, "token": true,
}

var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`AKIA[0-9A-Z]{16}`),                                         // AWS access key ID
	regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`),                       // private keys
	regexp.MustCompile(`(?i)(postgres|postgresql|rediss?)://[^:\s"/]*:[^@\s"$]+@`), // URL with a literal password
}

// checkNoSecrets reports literal values of secret-named arguments and
// secret-looking strings in a file.
func checkNoSecrets(name string, src []byte, body *hclsyntax.Body) []string {
	var problems []string
	walkAttributes(body, func(a *hclsyntax.Attribute) {
		if !secretAttributes[a.Name] {
			return
		}
		if len(a.Expr.Variables()) == 0 {
			problems = append(problems, fmt.Sprintf("%s:%d: %s is a literal; take it from a generated or managed secret", name, a.SrcRange.Start.Line, a.Name))
		}
	})
	for _, re := range secretPatterns {
		if loc := re.FindIndex(src); loc != nil {
			line := 1 + strings.Count(string(src[:loc[0]]), "\n")
			problems = append(problems, fmt.Sprintf("%s:%d: looks like a secret (%s)", name, line, re.String()))
		}
	}
	return problems
}

func walkExpressions(b *hclsyntax.Body, fn func(hclsyntax.Expression)) {
	walkAttributes(b, func(a *hclsyntax.Attribute) { fn(a.Expr) })
}

func walkAttributes(b *hclsyntax.Body, fn func(*hclsyntax.Attribute)) {
	for _, name := range sortedKeys(b.Attributes) {
		fn(b.Attributes[name])
	}
	for _, blk := range b.Blocks {
		walkAttributes(blk.Body, fn)
	}
}

// attrName returns the name of the i-th step of a traversal when it is an attribute step.
func attrName(tr hcl.Traversal, i int) string {
	if len(tr) <= i {
		return ""
	}
	if a, ok := tr[i].(hcl.TraverseAttr); ok {
		return a.Name
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// loadCalledModules parses the module directory of every module call in c.
func loadCalledModules(t *testing.T, c *config) map[string]*config {
	t.Helper()
	out := map[string]*config{}
	for _, name := range sortedKeys(c.modules) {
		call := c.modules[name]
		dir, err := resolveSource(c.dir, call.source, modulesDir)
		if err != nil {
			t.Errorf("%s: module %q: %v", call.rng, name, err)
			continue
		}
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("%s: module %q: source %q: %v", call.rng, name, call.source, err)
			continue
		}
		out[name] = loadConfig(t, dir)
	}
	return out
}

// --- tests ---------------------------------------------------------------------

func TestTerraform_EveryFileParses(t *testing.T) {
	files := allTerraformFiles(t)
	if len(files) < 30 {
		t.Fatalf("found only %d Terraform files; is the test running in deploy/terraform?", len(files))
	}
	p := hclparse.NewParser()
	for _, path := range files {
		t.Run(path, func(t *testing.T) {
			if _, diags := p.ParseHCLFile(path); diags.HasErrors() {
				t.Fatal(diags.Error())
			}
		})
	}
}

func TestTerraform_Layout(t *testing.T) {
	var want []string
	for _, m := range wantModules {
		for _, f := range []string{"main.tf", "variables.tf", "outputs.tf"} {
			want = append(want, filepath.Join(modulesDir, m, f))
		}
	}
	for _, e := range wantEnvironments {
		for _, f := range []string{"main.tf", "variables.tf", "outputs.tf", "terraform.tfvars", "backend.tf", "providers.tf"} {
			want = append(want, filepath.Join(environmentsDir, e, f))
		}
	}
	want = append(want, filepath.Join("shared", "backend.tf"), filepath.Join("shared", "providers.tf"))
	for _, path := range want {
		t.Run(path, func(t *testing.T) {
			if _, err := os.Stat(path); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestTerraform_VariablesHaveDescriptionAndType(t *testing.T) {
	dirs := append(configDirs(t), "bootstrap")
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			c := loadConfig(t, dir)
			for _, name := range sortedKeys(c.variables) {
				for _, p := range checkVariable(c.variables[name]) {
					t.Errorf("%s: %s", c.variables[name].rng, p)
				}
			}
		})
	}
}

func TestTerraform_ModulesDeclareOutputs(t *testing.T) {
	for _, dir := range subdirs(t, modulesDir) {
		t.Run(dir, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dir, "outputs.tf")); err != nil {
				t.Fatalf("module has no outputs.tf: %v", err)
			}
			c := loadConfig(t, dir)
			declaredInOutputsTF := 0
			for _, rng := range c.outputs {
				if filepath.Base(rng.Filename) == "outputs.tf" {
					declaredInOutputsTF++
				}
			}
			if declaredInOutputsTF == 0 {
				t.Error("outputs.tf declares no output")
			}
		})
	}
}

func TestTerraform_ModuleCallsMatchModules(t *testing.T) {
	for _, env := range subdirs(t, environmentsDir) {
		t.Run(env, func(t *testing.T) {
			c := loadConfig(t, env)
			if len(c.modules) == 0 {
				t.Fatal("environment calls no module")
			}
			called := loadCalledModules(t, c)
			for _, name := range sortedKeys(called) {
				for _, p := range checkModuleCall(c.modules[name], called[name]) {
					t.Error(p)
				}
			}
			for _, m := range wantModules {
				if !slices.ContainsFunc(sortedKeys(c.modules), func(n string) bool {
					return filepath.Base(c.modules[n].source) == m
				}) {
					t.Errorf("environment does not call module %s", m)
				}
			}
		})
	}
}

func TestTerraform_ReferencesResolve(t *testing.T) {
	for _, dir := range append(configDirs(t), "bootstrap") {
		t.Run(dir, func(t *testing.T) {
			c := loadConfig(t, dir)
			for _, p := range checkReferences(c, loadCalledModules(t, c)) {
				t.Error(p)
			}
		})
	}
}

func TestTerraform_TfvarsSetDeclaredVariables(t *testing.T) {
	// Required without a default, yet deliberately absent from tfvars.
	fromWorkflow := map[string]bool{"image_tag": true}
	for _, env := range subdirs(t, environmentsDir) {
		t.Run(env, func(t *testing.T) {
			c := loadConfig(t, env)
			f, diags := hclparse.NewParser().ParseHCLFile(filepath.Join(env, "terraform.tfvars"))
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			attrs, diags := f.Body.JustAttributes()
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			for _, name := range sortedKeys(attrs) {
				if _, ok := c.variables[name]; !ok {
					t.Errorf("%s: %s is not a declared variable", attrs[name].NameRange, name)
				}
			}
			for _, name := range sortedKeys(c.variables) {
				_, set := attrs[name]
				if c.variables[name].defaultExpr == nil && !set && !fromWorkflow[name] {
					t.Errorf("required variable %s is not set in terraform.tfvars", name)
				}
			}
		})
	}
}

func TestTerraform_NoSecretsInCode(t *testing.T) {
	for _, path := range allTerraformFiles(t) {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			for _, p := range checkNoSecrets(path, src, f.Body.(*hclsyntax.Body)) {
				t.Error(p)
			}
		})
	}
}

// TestTerraform_OperationalInvariants pins the settings the runbook relies on.
func TestTerraform_OperationalInvariants(t *testing.T) {
	ecs := loadConfig(t, filepath.Join(modulesDir, "ecs"))
	cdn := loadConfig(t, filepath.Join(modulesDir, "s3-cloudfront"))
	cache := loadConfig(t, filepath.Join(modulesDir, "elasticache"))
	prodVars := tfvars(t, filepath.Join(environmentsDir, "prod", "terraform.tfvars"))

	tests := []struct {
		name string
		got  cty.Value
		want cty.Value
	}{
		{"ecs health check is /readyz", defaultOf(t, ecs, "health_check_path"), cty.StringVal("/readyz")},
		{"ecs stop timeout above app shutdown timeout",
			cty.BoolVal(defaultOf(t, ecs, "stop_timeout_seconds").GreaterThan(defaultOf(t, ecs, "shutdown_timeout_seconds")).True()),
			cty.True},
		{"poll cache forwards no cookies", nestedAttr(t, cdn, "aws_cloudfront_cache_policy",
			"parameters_in_cache_key_and_forwarded_to_origin", "cookies_config", "cookie_behavior"), cty.StringVal("none")},
		{"prod ECS maximum of at least 50 tasks", cty.BoolVal(prodVars["api_max_count"].GreaterThanOrEqualTo(cty.NumberIntVal(50)).True()), cty.True},
		{"prod ECS maximum's default of at least 50 tasks",
			cty.BoolVal(defaultOf(t, loadConfig(t, filepath.Join(environmentsDir, "prod")), "api_max_count").GreaterThanOrEqualTo(cty.NumberIntVal(50)).True()), cty.True},
		{"redis TLS in transit", nestedAttr(t, cache, "aws_elasticache_replication_group", "transit_encryption_enabled"), cty.True},
		{"redis automatic failover", nestedAttr(t, cache, "aws_elasticache_replication_group", "automatic_failover_enabled"), cty.True},
		{"redis cluster mode enabled", nestedAttr(t, cache, "aws_elasticache_replication_group", "cluster_mode"), cty.StringVal("enabled")},
		{"redis parameter group enables cluster mode", clusterEnabledParameter(t, cache), cty.StringVal("yes")},
		{"prod database is Multi-AZ", prodVars["db_multi_az"], cty.True},
		{"ecs takes DATABASE_URL only as a secret ARN",
			cty.BoolVal(hasVariable(ecs, "database_url_secret_arn") && !hasVariable(ecs, "database_url")), cty.True},
		{"ecs takes REDIS_URL only as a secret ARN",
			cty.BoolVal(hasVariable(ecs, "redis_url_secret_arn") && !hasVariable(ecs, "redis_url")), cty.True},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.got.RawEquals(tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

// clusterEnabledParameter is the value of the parameter group's
// cluster-enabled parameter.
func clusterEnabledParameter(t *testing.T, c *config) cty.Value {
	t.Helper()
	for _, name := range sortedKeys(c.files) {
		for _, blk := range c.files[name].Body.(*hclsyntax.Body).Blocks {
			if blk.Type != "resource" || len(blk.Labels) == 0 || blk.Labels[0] != "aws_elasticache_parameter_group" {
				continue
			}
			for _, p := range blk.Body.Blocks {
				if p.Type == "parameter" && attrValue(t, p.Body, "name").RawEquals(cty.StringVal("cluster-enabled")) {
					return attrValue(t, p.Body, "value")
				}
			}
		}
	}
	return cty.NullVal(cty.String)
}

// TestTerraform_RedisModeFollowsTheCache: every environment sizes the
// cache's shards by a variable of its own and hands the cache's
// CAJA_REDIS_MODE to the ECS task, which sets it in the container.
func TestTerraform_RedisModeFollowsTheCache(t *testing.T) {
	refersTo := func(e hcl.Expression, root, attr string) bool {
		for _, tr := range e.Variables() {
			if tr.RootName() == root && attrName(tr, 1) == attr {
				return true
			}
		}
		return false
	}
	for _, env := range subdirs(t, environmentsDir) {
		t.Run(env, func(t *testing.T) {
			c := loadConfig(t, env)
			cache, ecs := c.modules["elasticache"], c.modules["ecs"]
			tests := []struct {
				name      string
				call      moduleCall
				arg       string
				root, ref string
			}{
				{"shard count is a variable", cache, "shard_count", "var", "cache_shard_count"},
				{"ECS redis_mode is the cache's", ecs, "redis_mode", "module", "elasticache"},
			}
			for _, tt := range tests {
				e, ok := tt.call.args[tt.arg]
				if !ok || !refersTo(e, tt.root, tt.ref) {
					t.Errorf("%s: module %s's %s must be %s.%s...", tt.name, tt.call.name, tt.arg, tt.root, tt.ref)
				}
			}
			if _, ok := c.variables["cache_shard_count"]; !ok {
				t.Error("no variable cache_shard_count")
			}
		})
	}
	ecs := loadConfig(t, filepath.Join(modulesDir, "ecs"))
	found := false
	for _, name := range sortedKeys(ecs.files) {
		hclsyntax.VisitAll(ecs.files[name].Body.(*hclsyntax.Body), func(n hclsyntax.Node) hcl.Diagnostics {
			obj, ok := n.(*hclsyntax.ObjectConsExpr)
			if !ok {
				return nil
			}
			for _, item := range obj.Items {
				if k, err := item.KeyExpr.Value(nil); !err.HasErrors() && k.RawEquals(cty.StringVal("CAJA_REDIS_MODE")) {
					found = found || slices.ContainsFunc(item.ValueExpr.Variables(), func(tr hcl.Traversal) bool {
						return tr.RootName() == "var" && attrName(tr, 1) == "redis_mode"
					})
				}
			}
			return nil
		})
	}
	if !found {
		t.Error("the ECS task does not set CAJA_REDIS_MODE = var.redis_mode")
	}
}

func hasVariable(c *config, name string) bool {
	_, ok := c.variables[name]
	return ok
}

func defaultOf(t *testing.T, c *config, name string) cty.Value {
	t.Helper()
	v, ok := c.variables[name]
	if !ok || v.defaultExpr == nil {
		t.Fatalf("%s: variable %s has no default", c.dir, name)
	}
	val, diags := v.defaultExpr.Value(nil)
	if diags.HasErrors() {
		t.Fatalf("%s: default of %s: %s", c.dir, name, diags.Error())
	}
	return val
}

// nestedAttr finds the first resource of the given type in c and evaluates the
// attribute at the end of path (nested block names, then the attribute name).
func nestedAttr(t *testing.T, c *config, resourceType string, path ...string) cty.Value {
	t.Helper()
	for _, name := range sortedKeys(c.files) {
		body := c.files[name].Body.(*hclsyntax.Body)
		for _, blk := range body.Blocks {
			if blk.Type != "resource" || len(blk.Labels) == 0 || blk.Labels[0] != resourceType {
				continue
			}
			b := blk.Body
			for _, step := range path[:len(path)-1] {
				i := slices.IndexFunc(b.Blocks, func(x *hclsyntax.Block) bool { return x.Type == step })
				if i < 0 {
					t.Fatalf("%s: %s has no %s block", c.dir, resourceType, step)
				}
				b = b.Blocks[i].Body
			}
			a, ok := b.Attributes[path[len(path)-1]]
			if !ok {
				t.Fatalf("%s: %s has no %s", c.dir, resourceType, strings.Join(path, "."))
			}
			val, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				t.Fatalf("%s: %s: %s", c.dir, strings.Join(path, "."), diags.Error())
			}
			return val
		}
	}
	t.Fatalf("%s: no resource %s", c.dir, resourceType)
	return cty.NilVal
}

func stringList(t *testing.T, v cty.Value) []string {
	t.Helper()
	if !v.CanIterateElements() {
		t.Fatalf("%#v is not a list", v)
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() != cty.String {
			t.Fatalf("%#v is not a string", e)
		}
		out = append(out, e.AsString())
	}
	return out
}

func tfvars(t *testing.T, path string) map[string]cty.Value {
	t.Helper()
	f, diags := hclparse.NewParser().ParseHCLFile(path)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out := map[string]cty.Value{}
	for name, a := range attrs {
		val, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		out[name] = val
	}
	return out
}

// --- negative tests: the checkers catch mistakes -------------------------------

// The in-memory module the negative tests call: one required and one optional variable.
const fakeModule = `
variable "name" {
  description = "required"
  type        = string
}

variable "size" {
  description = "optional"
  type        = number
  default     = 1
}

output "id" {
  description = "an output"
  value       = var.name
}
`

func TestTerraform_CheckModuleCallCatchesMistakes(t *testing.T) {
	mod := mustParse(t, "modules/fake", fakeModule)
	tests := []struct {
		name string
		call string
		want []string
	}{
		{
			name: "valid call",
			call: `module "m" {
  source = "../../modules/fake"
  name   = "a"
}`,
			want: nil,
		},
		{
			name: "unknown argument",
			call: `module "m" {
  source = "../../modules/fake"
  name   = "a"
  colour = "red"
}`,
			want: []string{`module "m": unknown argument "colour" (not a variable of modules/fake)`},
		},
		{
			name: "missing required variable",
			call: `module "m" {
  source = "../../modules/fake"
  size   = 2
}`,
			want: []string{`module "m": missing required variable "name" of modules/fake`},
		},
		{
			name: "meta-arguments are not variables",
			call: `module "m" {
  source     = "../../modules/fake"
  count      = 1
  depends_on = []
  name       = "a"
}`,
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := mustParse(t, "environments/test", tt.call)
			got := checkModuleCall(env.modules["m"], mod)
			if !slices.Equal(got, tt.want) {
				t.Errorf("checkModuleCall() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTerraform_CheckReferencesCatchesMistakes(t *testing.T) {
	mod := mustParse(t, "modules/fake", fakeModule)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "declared variable and existing output",
			src: `variable "x" {
  description = "x"
  type        = string
}
output "o" {
  description = "o"
  value       = "${var.x}-${module.m.id}"
}`,
			want: nil,
		},
		{
			name: "undeclared variable",
			src: `output "o" {
  description = "o"
  value       = var.missing
}`,
			want: []string{"environments/test: var.missing is not declared"},
		},
		{
			name: "unknown module output",
			src: `output "o" {
  description = "o"
  value       = module.m.nope
}`,
			want: []string{"environments/test: module.m.nope is not an output of modules/fake"},
		},
		{
			name: "unknown module",
			src: `output "o" {
  description = "o"
  value       = module.other.id
}`,
			want: []string{"environments/test: module.other is not a module call here"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, "environments/test", tt.src)
			got := checkReferences(c, map[string]*config{"m": mod})
			if !slices.Equal(got, tt.want) {
				t.Errorf("checkReferences() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTerraform_CheckVariableCatchesMistakes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"complete", `variable "v" {
  description = "d"
  type        = string
}`, nil},
		{"no description", `variable "v" {
  type = string
}`, []string{`variable "v" has no description`}},
		{"no type", `variable "v" {
  description = "d"
}`, []string{`variable "v" has no type`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustParse(t, "modules/test", tt.src)
			got := checkVariable(c.variables["v"])
			if !slices.Equal(got, tt.want) {
				t.Errorf("checkVariable() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTerraform_ResolveSourceCatchesMistakes(t *testing.T) {
	tests := []struct {
		name    string
		source  string
		wantDir string
		wantErr bool
	}{
		{"module directory", "../../modules/ecs", "modules/ecs", false},
		{"registry module", "terraform-aws-modules/vpc/aws", "", true},
		{"outside modules", "../../shared", "", true},
		{"modules root itself", "../../modules", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, err := resolveSource("environments/dev", tt.source, modulesDir)
			if (err != nil) != tt.wantErr || dir != filepath.FromSlash(tt.wantDir) {
				t.Errorf("resolveSource(%q) = %q, %v; want %q, error %v", tt.source, dir, err, tt.wantDir, tt.wantErr)
			}
		})
	}
}

func TestTerraform_CheckNoSecretsCatchesMistakes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"generated password", `resource "aws_db_instance" "d" {
  password = random_password.p.result
}`, 0},
		{"literal password", `resource "aws_db_instance" "d" {
  password = "hunter2hunter2"
}`, 1},
		{"literal auth token", `resource "aws_elasticache_replication_group" "r" {
  auth_token = "0123456789abcdef0123"
}`, 1},
		{"URL with a literal password", `locals {
  url = "postgres://caja:s3cret@db.internal:5432/caja"
}`, 1},
		{"URL built from references", `locals {
  url = "postgres://${var.user}:${random_password.p.result}@${var.host}:5432/caja"
}`, 0},
		{"access key id", `locals {
  key = "AKIAABCDEFGHIJKLMNOP"
}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, diags := hclsyntax.ParseConfig([]byte(tt.src), "mem.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			got := checkNoSecrets("mem.tf", []byte(tt.src), f.Body.(*hclsyntax.Body))
			if len(got) != tt.want {
				t.Errorf("checkNoSecrets() = %q, want %d problem(s)", got, tt.want)
			}
		})
	}
}

// resourceBody is the body of the resource of the given type and name in c.
func resourceBody(t *testing.T, c *config, resourceType, name string) *hclsyntax.Body {
	t.Helper()
	for _, f := range sortedKeys(c.files) {
		for _, blk := range c.files[f].Body.(*hclsyntax.Body).Blocks {
			if blk.Type == "resource" && len(blk.Labels) == 2 && blk.Labels[0] == resourceType && blk.Labels[1] == name {
				return blk.Body
			}
		}
	}
	t.Fatalf("%s: no resource %s.%s", c.dir, resourceType, name)
	return nil
}

// attrValue evaluates a constant attribute, or the path of nested blocks
// then the attribute.
func attrValue(t *testing.T, b *hclsyntax.Body, path ...string) cty.Value {
	t.Helper()
	for _, step := range path[:len(path)-1] {
		i := slices.IndexFunc(b.Blocks, func(x *hclsyntax.Block) bool { return x.Type == step })
		if i < 0 {
			t.Fatalf("no %s block on the way to %s", step, strings.Join(path, "."))
		}
		b = b.Blocks[i].Body
	}
	a, ok := b.Attributes[path[len(path)-1]]
	if !ok {
		t.Fatalf("no attribute %s", strings.Join(path, "."))
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", strings.Join(path, "."), diags.Error())
	}
	return v
}

// referenced names the resource an attribute refers to ("type.name").
func referenced(t *testing.T, b *hclsyntax.Body, attr string) string {
	t.Helper()
	a, ok := b.Attributes[attr]
	if !ok {
		t.Fatalf("no attribute %s", attr)
	}
	tr := a.Expr.Variables()
	if len(tr) != 1 {
		t.Fatalf("%s refers to %d things", attr, len(tr))
	}
	root, kind := tr[0].RootName(), attrName(tr[0], 1)
	if root == "data" {
		return "data." + kind + "." + attrName(tr[0], 2)
	}
	return root + "." + kind
}

// TestTerraform_PollPathFollowsOriginHeaders: CloudFront caches
// GET /api/v1/sessions/*/state by what Caja's headers say (issue 14): a
// behaviour of its own ahead of /api/*, whose cache policy has min TTL 0,
// view and key in the key and neither Authorization nor If-None-Match,
// compression on; Origin Shield in front of the API origin; the rest of
// /api/* passes through uncached.
func TestTerraform_PollPathFollowsOriginHeaders(t *testing.T) {
	cdn := loadConfig(t, filepath.Join(modulesDir, "s3-cloudfront"))
	dist := resourceBody(t, cdn, "aws_cloudfront_distribution", "this")
	var behaviours []*hclsyntax.Body
	for _, blk := range dist.Blocks {
		if blk.Type == "ordered_cache_behavior" {
			behaviours = append(behaviours, blk.Body)
		}
	}
	at := func(pattern string) (int, *hclsyntax.Body) {
		for i, b := range behaviours {
			if attrValue(t, b, "path_pattern").AsString() == pattern {
				return i, b
			}
		}
		t.Fatalf("no cache behaviour for %s", pattern)
		return -1, nil
	}
	si, state := at("/api/v1/sessions/*/state")
	ai, api := at("/api/*")
	if si > ai {
		t.Errorf("the state behaviour comes after /api/*, which would match first")
	}
	if !attrValue(t, state, "compress").True() {
		t.Errorf("state behaviour without compression")
	}
	if got := referenced(t, api, "cache_policy_id"); got != "data.aws_cloudfront_cache_policy.caching_disabled" {
		t.Errorf("/api/* uses cache policy %s, want caching disabled", got)
	}
	policyRef := referenced(t, state, "cache_policy_id")
	name, ok := strings.CutPrefix(policyRef, "aws_cloudfront_cache_policy.")
	if !ok {
		t.Fatalf("state behaviour's cache policy is %s", policyRef)
	}
	policy := resourceBody(t, cdn, "aws_cloudfront_cache_policy", name)
	if v := attrValue(t, policy, "min_ttl"); !v.RawEquals(cty.NumberIntVal(0)) {
		t.Errorf("state cache policy min_ttl %#v, want 0 (follow the origin's headers)", v)
	}
	keyed := "parameters_in_cache_key_and_forwarded_to_origin"
	query := stringList(t, attrValue(t, policy, keyed, "query_strings_config", "query_strings", "items"))
	for _, q := range []string{"view", "key"} {
		if !slices.Contains(query, q) {
			t.Errorf("query string %s is not in the state cache key %v", q, query)
		}
	}
	headers := stringList(t, attrValue(t, policy, keyed, "headers_config", "headers", "items"))
	for _, h := range []string{"Authorization", "If-None-Match"} {
		if slices.ContainsFunc(headers, func(x string) bool { return strings.EqualFold(x, h) }) {
			t.Errorf("%s is in the state cache key: every phone would have its own copy", h)
		}
	}
	if !attrValue(t, policy, keyed, "enable_accept_encoding_gzip").True() {
		t.Errorf("state cache key does not normalise Accept-Encoding to gzip")
	}
	var shield *hclsyntax.Body
	for _, blk := range dist.Blocks {
		// The API origin is the one with a custom origin config (the ALB).
		if blk.Type == "origin" && slices.ContainsFunc(blk.Body.Blocks, func(b *hclsyntax.Block) bool { return b.Type == "custom_origin_config" }) {
			for _, b := range blk.Body.Blocks {
				if b.Type == "origin_shield" {
					shield = b.Body
				}
			}
		}
	}
	if shield == nil || !attrValue(t, shield, "enabled").True() {
		t.Errorf("the API origin has no Origin Shield enabled")
	}
}

// TestTerraform_ImagesAreCachedByTheCDN: GET /api/v1/images/* (immutable,
// named by their hash) has a behaviour of its own ahead of /api/*, whose
// policy follows the origin's Cache-Control, so CloudFront keeps them.
func TestTerraform_ImagesAreCachedByTheCDN(t *testing.T) {
	cdn := loadConfig(t, filepath.Join(modulesDir, "s3-cloudfront"))
	dist := resourceBody(t, cdn, "aws_cloudfront_distribution", "this")
	images, api := -1, -1
	var behaviour *hclsyntax.Body
	n := 0
	for _, blk := range dist.Blocks {
		if blk.Type != "ordered_cache_behavior" {
			continue
		}
		switch attrValue(t, blk.Body, "path_pattern").AsString() {
		case "/api/v1/images/*":
			images, behaviour = n, blk.Body
		case "/api/*":
			api = n
		}
		n++
	}
	if images < 0 || api < 0 || images > api {
		t.Fatalf("the images behaviour is at %d, /api/* at %d: it must exist and come first", images, api)
	}
	if got := referenced(t, behaviour, "cache_policy_id"); got != "data.aws_cloudfront_cache_policy.caching_optimized" {
		t.Errorf("images use cache policy %s, want the managed CachingOptimized (follows Cache-Control)", got)
	}
}
