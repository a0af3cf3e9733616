/**
 * Ferrite's native library, its loader and its Foreign Function &amp; Memory bindings. Internal: applications use the
 * module {@code dev.ferrite}, the only one this module exports its package to. Grant it native access with
 * {@code --enable-native-access=dev.ferrite.bindings} when Ferrite is on the module path.
 */
module dev.ferrite.bindings {
    exports dev.ferrite.internal.ffi to dev.ferrite;
}
