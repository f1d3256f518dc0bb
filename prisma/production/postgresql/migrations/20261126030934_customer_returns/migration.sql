-- DropIndex
DROP INDEX "Bom_productSku_version_key";
-- AlterTable
ALTER TABLE "Bom" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'manufacture';
-- AlterTable
ALTER TABLE "ManufacturingOrder" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'manufacture';
-- CreateIndex
CREATE UNIQUE INDEX "Bom_productSku_purpose_version_key" ON "Bom"("productSku", "purpose", "version");
