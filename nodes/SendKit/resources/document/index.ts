import { resourceProperties } from '../../../shared/descriptions';
import { processDocument } from './process';
import { removeDocument } from './remove';
import { syncDocuments } from './sync';
import { uploadDocument } from './upload';

export const documentOperations = [processDocument, removeDocument, syncDocuments, uploadDocument];

export const documentProperties = resourceProperties('document', documentOperations, 'upload');
