// Municipality attributes: write one municipality's, or import an SSB-style CSV file (dry run, then apply).
import type { AttributeImportResult, MunicipalityAttributesBody, MunicipalityAttributesView } from '../../../contracts/municipality-attributes.js';
import { api, seg } from '../../api.js';

export const updateAttributes = (municipalityId: string, body: MunicipalityAttributesBody) =>
  api.put<MunicipalityAttributesView>(`/municipalities/${seg(municipalityId)}/attributes`, body);
/** The file's own bytes go to the server, which detects the encoding (UTF-8 or Windows-1252). */
export const importAttributes = (file: Blob, dryRun: boolean) =>
  api.upload<AttributeImportResult>(`/municipalities/attributes/import?dryRun=${dryRun}`, file, 'text/csv');
