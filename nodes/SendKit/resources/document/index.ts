import { resourceProperties } from '../../../shared/descriptions';
import { processDocument } from './process';
import { removeDocument } from './remove';
import { uploadDocument } from './upload';

export const documentOperations = [processDocument, removeDocument, uploadDocument];

export const documentProperties = resourceProperties('document', documentOperations, 'upload');
