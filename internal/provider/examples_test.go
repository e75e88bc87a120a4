package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestExamplesValidate runs `terraform fmt -check` and `terraform validate`
// on every example directory, with the provider built from this tree, so
// that the examples the docs show can never drift from the schema.
//
// Terraform finds the provider through a development override in a CLI
// configuration of the test's own, which needs no `terraform init`. Each
// configuration is validated in a copy, so nothing lands in examples/.
//
// Import blocks and query files get a validation of their own, together
// with the directory's other files: two import blocks for one address are an
// error, and a conventional import file may well reuse the address of
// another. Files whose feature needs a newer CLI than the one at hand are
// skipped with the version they need; set UNIPILE_EXAMPLES_TERRAFORM (or
// TF_ACC_TERRAFORM_PATH) to a newer Terraform to validate them too.
func TestExamplesValidate(t *testing.T) {
	// Like the acceptance tests, this one starts Terraform, which `make
	// testunit` promises not to do.
	if os.Getenv("TF_ACC") == "" {
		t.Skip("starts the Terraform CLI; set TF_ACC=1 to run it, as make test does")
	}

	terraform := examplesTerraform(t)
	version := terraformVersion(t, terraform)
	root := moduleRoot(t)
	cliConfig := devOverrideConfig(t, buildProvider(t, root))

	examples := filepath.Join(root, "examples")
	for _, dir := range exampleDirs(t, examples) {
		name, err := filepath.Rel(examples, dir)
		if err != nil {
			t.Fatalf("naming %s: %v", dir, err)
		}

		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			t.Parallel()

			runner := terraformRunner{path: terraform, cliConfig: cliConfig}
			if out, err := runner.run(t, dir, "fmt", "-check", "-diff", "-no-color"); err != nil {
				t.Errorf("terraform fmt -check found unformatted files (run make fmt):\n%s", out)
			}

			for _, unit := range validationUnits(t, dir) {
				t.Run(unit.name, func(t *testing.T) {
					t.Parallel()

					if version.before(unit.needs.version) {
						t.Skipf("%s needs Terraform %s or later for %s; %s is %s. Set "+
							"UNIPILE_EXAMPLES_TERRAFORM to a newer CLI to validate it.",
							unit.name, unit.needs.version, unit.needs.feature, terraform, version)
					}

					runner.validate(t, dir, unit)
				})
			}
		})
	}
}

// cliVersion is a Terraform CLI version; only major and minor matter here.
type cliVersion struct {
	major, minor int
}

func (v cliVersion) before(other cliVersion) bool {
	return v.major < other.major || v.major == other.major && v.minor < other.minor
}

func (v cliVersion) String() string {
	return fmt.Sprintf("%d.%d", v.major, v.minor)
}

// requirement is the Terraform version a file's feature needs.
type requirement struct {
	version cliVersion
	feature string
}

// The features some examples use that the oldest supported CLI (1.11) lacks.
var (
	needsBaseline         = requirement{version: cliVersion{major: 1, minor: 11}, feature: "write-only attributes"}
	needsImportByIdentity = requirement{version: cliVersion{major: 1, minor: 12}, feature: "import blocks by identity"}
	needsQuery            = requirement{version: cliVersion{major: 1, minor: 14}, feature: "list blocks in .tfquery.hcl files"}
)

// validationUnit is a set of files that validate together as one
// configuration.
type validationUnit struct {
	name  string
	files []string
	query bool
	needs requirement
}

var (
	importBlock    = regexp.MustCompile(`(?m)^import\s*\{`)
	identityImport = regexp.MustCompile(`(?m)^\s*identity\s*=\s*\{`)
)

// validationUnits splits a directory into the configurations to validate:
// its plain .tf files together, and each import or query file with them.
func validationUnits(t *testing.T, dir string) []validationUnit {
	t.Helper()

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}

	var base []string
	var special []validationUnit
	for _, entry := range entries {
		name := entry.Name()
		switch {
		case entry.IsDir():
			continue
		case strings.HasSuffix(name, ".tfquery.hcl"):
			special = append(special, validationUnit{name: name, files: []string{name}, query: true, needs: needsQuery})
		case strings.HasSuffix(name, ".tf"):
			content, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("reading %s: %v", name, err)
			}

			switch {
			case !importBlock.Match(content):
				base = append(base, name)
			case identityImport.Match(content):
				special = append(special, validationUnit{name: name, files: []string{name}, needs: needsImportByIdentity})
			default:
				special = append(special, validationUnit{name: name, files: []string{name}, needs: needsBaseline})
			}
		}
	}

	var units []validationUnit
	switch len(base) {
	case 0:
	case 1:
		units = append(units, validationUnit{name: base[0], files: base, needs: needsBaseline})
	default:
		units = append(units, validationUnit{name: "configuration", files: base, needs: needsBaseline})
	}
	for _, unit := range special {
		unit.files = append(slices.Clone(base), unit.files...)
		units = append(units, unit)
	}

	return units
}

// exampleDirs lists every directory under root that holds Terraform files.
func exampleDirs(t *testing.T, root string) []string {
	t.Helper()

	var dirs []string
	err := filepath.WalkDir(root, func(path string, entry os.DirEntry, err error) error {
		if err != nil || entry.IsDir() || !isTerraformFile(entry.Name()) {
			return err
		}

		if dir := filepath.Dir(path); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}

		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", root, err)
	}
	if len(dirs) == 0 {
		t.Fatalf("no examples found under %s", root)
	}

	return dirs
}

func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tfquery.hcl")
}

// terraformRunner runs one Terraform CLI with the test's CLI configuration.
type terraformRunner struct {
	path      string
	cliConfig string

	// environ is the environment Terraform starts from; nil is the test's.
	environ []string
}

func (r terraformRunner) run(t *testing.T, dir string, args ...string) ([]byte, error) {
	t.Helper()

	environ := r.environ
	if environ == nil {
		environ = os.Environ()
	}

	cmd := exec.CommandContext(t.Context(), r.path, args...)
	cmd.Dir = dir
	cmd.Env = append(slices.Clip(environ),
		"TF_CLI_CONFIG_FILE="+r.cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
	)

	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()

	return append(out, stderr.Bytes()...), err
}

// validate copies a unit's files to a directory of their own and validates
// them there. Warnings fail too: an example should not trip the provider's
// own checks. The warning about the development override is expected.
func (r terraformRunner) validate(t *testing.T, dir string, unit validationUnit) {
	t.Helper()

	work := t.TempDir()
	for _, name := range unit.files {
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(work, name), content, 0o600); err != nil {
			t.Fatalf("copying %s: %v", name, err)
		}
	}

	args := []string{"validate", "-json", "-no-color"}
	if unit.query {
		args = append(args, "-query")
	}
	out, runErr := r.run(t, work, args...)

	var result struct {
		Valid       bool `json:"valid"`
		Diagnostics []struct {
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Detail   string `json:"detail"`
			Range    *struct {
				Filename string `json:"filename"`
				Start    struct {
					Line int `json:"line"`
				} `json:"start"`
			} `json:"range"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(jsonPart(out), &result); err != nil {
		t.Fatalf("terraform validate failed (%v) without a JSON report:\n%s", runErr, out)
	}

	for _, diagnostic := range result.Diagnostics {
		if diagnostic.Summary == "Provider development overrides are in effect" {
			continue
		}
		where := "configuration"
		if diagnostic.Range != nil {
			where = fmt.Sprintf("%s:%d", diagnostic.Range.Filename, diagnostic.Range.Start.Line)
		}
		t.Errorf("%s: %s: %s: %s", where, diagnostic.Severity, diagnostic.Summary, diagnostic.Detail)
	}
	if !result.Valid || runErr != nil {
		t.Errorf("terraform validate of %s reports the configuration invalid (%v)", strings.Join(unit.files, ", "), runErr)
	}
}

// jsonPart drops what Terraform prints before its JSON report, such as
// warnings about the CLI configuration.
func jsonPart(out []byte) []byte {
	if start := bytes.IndexByte(out, '{'); start >= 0 {
		return out[start:]
	}

	return out
}

// examplesTerraform picks the CLI: UNIPILE_EXAMPLES_TERRAFORM, then the one
// the acceptance tests use, then the one on PATH.
func examplesTerraform(t *testing.T) string {
	t.Helper()

	for _, name := range []string{"UNIPILE_EXAMPLES_TERRAFORM", "TF_ACC_TERRAFORM_PATH"} {
		if path := os.Getenv(name); path != "" {
			return path
		}
	}

	path, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("no Terraform CLI on PATH; install one, or set UNIPILE_EXAMPLES_TERRAFORM: %v", err)
	}

	return path
}

func terraformVersion(t *testing.T, terraform string) cliVersion {
	t.Helper()

	cmd := exec.CommandContext(t.Context(), terraform, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", terraform, err)
	}

	var reported struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &reported); err != nil {
		t.Fatalf("reading the output of %s version -json: %v\n%s", terraform, err, out)
	}

	parts := strings.SplitN(reported.Version, ".", 3)
	if len(parts) < 2 {
		t.Fatalf("%s reports the version %q, which is not major.minor.patch", terraform, reported.Version)
	}
	major, errMajor := strconv.Atoi(parts[0])
	minor, errMinor := strconv.Atoi(parts[1])
	if errMajor != nil || errMinor != nil {
		t.Fatalf("%s reports the version %q, which is not major.minor.patch", terraform, reported.Version)
	}

	return cliVersion{major: major, minor: minor}
}

// moduleRoot finds the directory of this module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()

	out, err := exec.CommandContext(t.Context(), "go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}

	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("go env GOMOD names no go.mod; run the test inside the module")
	}

	return filepath.Dir(gomod)
}

// buildProvider builds the provider binary into a directory of its own and
// returns that directory, which the development override points at.
func buildProvider(t *testing.T, root string) string {
	t.Helper()

	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(dir, "terraform-provider-unipile"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}

	return dir
}

// devOverrideConfig writes a CLI configuration that makes Terraform use the
// binary in pluginDir. Examples without a required_providers block imply
// the hashicorp namespace, so that address is overridden as well.
func devOverrideConfig(t *testing.T, pluginDir string) string {
	t.Helper()

	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %[1]q = %[3]q
    %[2]q = %[3]q
  }
  direct {}
}
`, Address, "registry.terraform.io/hashicorp/unipile", pluginDir)

	path := filepath.Join(t.TempDir(), "terraformrc")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatalf("writing the CLI configuration: %v", err)
	}

	return path
}
