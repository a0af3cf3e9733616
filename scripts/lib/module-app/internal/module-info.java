// An application on the module path (scripts/test.sh): it reaches for internals, which must not compile.
module example.internal {
    requires dev.ferrite;
}
