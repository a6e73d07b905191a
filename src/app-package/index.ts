/**
 * The Teams app package (`npm run package`): manifest template filling, the schema check, checks
 * the schema does not make (icon sizes, a white outline), and the zip (adm-zip). Used by
 * `scripts/package.ts` and the tests; the running bot never loads it.
 */
export { AppPackageError, buildAppPackage, writeAppPackage, defaultPackagePath, type AppPackage, type AppPackageOptions, type PackageFile } from './build-package';
export { checkManifest, iconFilesOf } from './manifest-checks';
export { validateManifestSchema, manifestSchemaPath, bundledManifestVersions } from './manifest-schema';
export { fillPlaceholders, placeholdersIn, type FilledTemplate } from './manifest-template';
export { packageValuesFrom, PACKAGE_SETTINGS, DEFAULT_COMPANY_NAME, APP_VERSION_PATTERN, type Env, type PackageValues } from './package-values';
export { checkIcons, firstNonWhitePixel, readIcon, COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, type IconPixels } from './icon-checks';
