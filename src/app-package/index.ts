/**
 * The Teams app package (`npm run package`): manifest template filling, checks the schema does
 * not make, and a small ZIP writer and reader. Used by `scripts/package.ts` and the tests; the
 * running bot never loads it.
 */
export { AppPackageError, buildAppPackage, writeAppPackage, defaultPackagePath, type AppPackage, type AppPackageOptions } from './build-package';
export { checkManifest, iconFilesOf } from './manifest-checks';
export { validateManifestSchema, manifestSchemaPath } from './manifest-schema';
export { fillPlaceholders, placeholdersIn, type FilledTemplate } from './manifest-template';
export { packageValuesFrom, PACKAGE_SETTINGS, DEFAULT_COMPANY_NAME, APP_VERSION_PATTERN, type Env, type PackageValues } from './package-values';
export { checkIcons, firstNonWhitePixel, COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icon-checks';
export { decodePng, readPngHeader, type PngHeader, type RgbaImage } from './png';
export { writeZip, type ZipEntry, type ZipOptions } from './zip-writer';
export { readZip } from './zip-reader';
export { crc32 } from './crc32';
