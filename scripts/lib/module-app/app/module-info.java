// An application on the module path (scripts/test.sh): it may use Ferrite's exported packages only.
module example.app {
    requires dev.ferrite;
}
